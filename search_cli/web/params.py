"""Reading query parameters named like the CLI's options; anything unreadable is a BadParameter (status 400)."""

from starlette.datastructures import QueryParams

from indexer.archive import Filters
from indexer.reports.figures import SCOPES

TRUE, FALSE = {"1", "on", "true", "yes"}, {"", "0", "off", "false", "no"}


class BadParameter(ValueError):
    """A query parameter that cannot be read; ``name`` names it."""

    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name = name


def text(params: QueryParams, name: str) -> str:
    return params.get(name, "").strip()


def choice(params: QueryParams, name: str, choices, default: str) -> str:
    value = text(params, name) or default
    if value not in choices:
        raise BadParameter(name, f"'{value}' is not one of: {', '.join(choices)}")
    return value


def number(params: QueryParams, name: str, default: int, low: int, high: int) -> int:
    value = text(params, name)
    if not value:
        return default
    if not value.isdigit() or not low <= int(value) <= high:
        raise BadParameter(name, f"'{value}' is not a whole number from {low} to {high}")
    return int(value)


def flag(params: QueryParams, name: str) -> bool:
    value = text(params, name).lower()
    if value not in TRUE | FALSE:
        raise BadParameter(name, f"'{value}' is not a yes/no value (1 or 0)")
    return value in TRUE


def filters(params: QueryParams) -> Filters:
    """Provinces (repeatable, empty values ignored), merged, since and until as users type them."""
    provinces = tuple(v.strip() for v in params.getlist("province") if v.strip())
    return Filters(provinces, flag(params, "merged"), text(params, "since") or None, text(params, "until") or None)


def scopes(params: QueryParams) -> tuple[str, ...]:
    """The repeatable ``scope`` parameter (as ``htx facts --scope``): figure scopes to keep, none for all."""
    chosen = tuple(v.strip() for v in params.getlist("scope") if v.strip())
    unknown = [v for v in chosen if v not in SCOPES]
    if unknown:
        raise BadParameter("scope", f"'{unknown[0]}' is not one of: {', '.join(sorted(SCOPES))}")
    return chosen
