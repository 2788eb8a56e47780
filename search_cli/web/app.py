"""The Starlette application: pages rendered on the server from Jinja2 templates, and a JSON API beside them.

Every request opens the index anew (readers see a crawl's latest commit), reads nothing but the index and the
crawl summaries of the data directory, and answers an unreadable parameter with status 400 and one line."""

import csv
import io
import time
from pathlib import Path
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from indexer.archive import FilterError, NewsArchive
from indexer.engine.index import IndexDamaged, IndexMissing
from indexer.query.search import SORTS, QueryError
from indexer.records import coverage_record, coverage_rows, fact_record, latest_record, search_record
from indexer.reports.compare import PERIODS
from indexer.reports.figures import METRICS
from indexer.vietnamese.provinces import all_provinces, national
from search_cli.web import charts, params, vn

HERE = Path(__file__).parent
PERIOD_NAMES = {"month": "tháng", "quarter": "quý", "year": "năm"}
SORT_NAMES = {"relevance": "Phù hợp nhất", "newest": "Mới nhất", "oldest": "Cũ nhất"}
SECURITY_HEADERS = [
    # no script anywhere: nothing a crawled page smuggles in can run, and nothing is loaded from elsewhere
    (b"content-security-policy", b"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                                 b"base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),  # the analyst's queries are not sent to the portals linked to
]


class ResponseHeaders:
    """ASGI middleware: the security headers on every response, and Server-Timing (``app;dur=`` ms until the
    response starts: the server's own time for a request, as the web benchmark reads it)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        start = time.perf_counter()

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                timing = (b"server-timing", f"app;dur={(time.perf_counter() - start) * 1000:.1f}".encode())
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS, timing]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


FACT_ROWS = 100  # figures listed under the latest totals, newest first
KIND_NAMES = {"achieved": "đã đạt", "target": "mục tiêu", "criterion": "tiêu chí"}


def web_link(url: str | None) -> str | None:
    """The URL if it is an http(s) address (the only kind rendered as a link), else None."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def _templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True))
    env.filters.update(date=vn.vn_date, number=vn.vn_number, amount=vn.vn_amount, period=vn.vn_period, stamp=vn.vn_stamp)
    env.globals.update(web_link=web_link, provinces=[p.name for p in all_provinces()] + [national().name],
                       metrics=METRICS, period_names=PERIOD_NAMES, sort_names=SORT_NAMES, kinds=KIND_NAMES,
                       scopes={"total": "tổng của tỉnh", "subset": "một phần", "cooperative": "một HTX",
                               "national": "cả nước", "average": "bình quân"})
    return Jinja2Templates(env=env)


def url_with(request: Request, path: str | None = None, **changes) -> str:
    """This request's address with some parameters replaced (None drops one); repeatable ones kept."""
    items = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    items += [(k, v) for k, v in changes.items() if v is not None]
    return f"{path or request.url.path}?{urlencode(items)}"


def required(result, what: str):
    """An API answer needs a query: BadParameter for ``q`` when there was none (``result`` None)."""
    if result is None:
        raise params.BadParameter("q", f"the query is empty: give words to {what}, e.g. 'hợp tác xã'")
    return result


class WebApp:
    """The routes over one data directory."""

    def __init__(self, data_dir: Path):
        self.archive = NewsArchive(data_dir)
        self.templates = _templates()

    def page(self, request: Request, name: str, status: int = 200, **context) -> Response:
        query = request.query_params
        try:  # the provinces as the list names them ("soc trang" is Sóc Trăng), so the form keeps them
            chosen = {province.name for province in params.filters(query).chosen_provinces()}
        except ValueError:  # an unreadable filter: its error page shows the values as typed
            chosen = set(query.getlist("province"))
        form = {"q": params.text(query, "q"), "since": params.text(query, "since"), "until": params.text(query, "until"),
                "chosen": chosen, "merged": query.get("merged", "") not in params.FALSE}
        context.update(form=form, url_with=lambda **c: url_with(request, **c))
        return self.templates.TemplateResponse(request, name, context, status_code=status)

    # searching
    def _search(self, request: Request) -> dict:
        """The search the parameters ask for: q, limit, sort and the result (None without a query)."""
        query = request.query_params
        asked = {"q": params.text(query, "q"), "limit": params.number(query, "limit", 10, 1, 100),
                 "sort": params.choice(query, "sort", SORTS, "relevance")}
        page, filters = params.number(query, "page", 1, 1, 10_000), params.filters(query)
        asked["result"] = self.archive.search(asked["q"], filters, asked["limit"], page, asked["sort"]) if asked["q"] else None
        return asked

    def search_page(self, request: Request) -> Response:
        asked = self._search(request)
        pages = -(-asked["result"].total // asked["limit"]) if asked["result"] else 0
        return self.page(request, "search.html", pages=pages, **asked)

    def search_api(self, request: Request) -> Response:
        return JSONResponse(search_record(required(self._search(request)["result"], "search for")))

    def article_page(self, request: Request) -> Response:
        url = params.text(request.query_params, "url")
        if not url:
            raise params.BadParameter("url", "give the address of an indexed article: /article?url=…")
        doc = self.archive.article(url)
        if doc is None:
            return self.page(request, "error.html", status=404, message=f"Không có bài viết nào với địa chỉ {url} trong chỉ mục.")
        return self.page(request, "article.html", doc=doc, paragraphs=[p for p in doc.get("body", "").split("\n") if p.strip()])

    # comparing
    def _coverage(self, request: Request):
        query = request.query_params
        q, period = params.text(query, "q"), params.choice(query, "period", PERIODS, "month")
        filters = params.filters(query)
        return q, period, (self.archive.coverage(q, filters, period) if q else None)

    def compare_page(self, request: Request) -> Response:
        q, period, result = self._coverage(request)
        chart = charts.heat_map(result) if result and result.rows and result.periods else None
        return self.page(request, "compare.html", q=q, period=period, result=result, chart=chart)

    def compare_csv(self, request: Request) -> Response:
        q, period, result = self._coverage(request)
        buffer = io.StringIO()
        csv.writer(buffer).writerows(coverage_rows(required(result, "compare")))
        name = f"htx-compare-{period}.csv"
        return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"content-disposition": f'attachment; filename="{name}"'})

    def compare_api(self, request: Request) -> Response:
        q, period, result = self._coverage(request)
        return JSONResponse(coverage_record(q, period, required(result, "compare")))

    # figures
    def _metric(self, request: Request, default: str | None) -> str | None:
        metric = params.text(request.query_params, "metric") or default
        if metric is not None and metric not in METRICS:
            raise params.BadParameter("metric", f"'{metric}' is not one of: {', '.join(sorted(METRICS))}")
        return metric

    def facts_page(self, request: Request) -> Response:
        metric, query = self._metric(request, "cooperatives"), request.query_params
        q, filters = params.text(query, "q") or None, params.filters(query)
        found, chosen = self.archive.facts(q, filters, metric), params.scopes(query)
        listed = [f for f in found if not chosen or f.scope in chosen]  # newest first, as archive.facts gives them
        return self.page(request, "facts.html", metric=metric, latest=self.archive.latest_totals(metric, filters, q),
                         merged=filters.merged, chart=charts.history_chart(found), count=len(found),
                         chosen_scopes=chosen, listed=listed[:FACT_ROWS], listed_count=len(listed))

    def facts_api(self, request: Request) -> Response:
        metric, query = self._metric(request, None), request.query_params
        q, filters = params.text(query, "q") or None, params.filters(query)
        if params.flag(query, "latest"):
            if metric is None:
                raise params.BadParameter("latest", f"latest needs a metric, one of: {', '.join(sorted(METRICS))}")
            return JSONResponse([latest_record(row, fact) for row, fact in self.archive.latest_totals(metric, filters, q).items()])
        return JSONResponse([fact_record(fact) for fact in self.archive.facts(q, filters, metric, params.scopes(query))])

    # crawls
    def crawls_page(self, request: Request) -> Response:
        latest = {}
        for run in self.archive.crawl_runs():  # newest first
            for summary in run["portals"]:
                if isinstance(summary, dict) and summary.get("portal") not in latest:
                    latest[summary.get("portal")] = {**summary, "run": run["run"]}
        return self.page(request, "crawls.html", crawls=[latest[p] for p in sorted(latest, key=str)])

    # errors
    def error(self, request: Request, status: int, name: str, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message, "parameter": name}, status_code=status)
        return self.page(request, "error.html", status=status, parameter=name, message=message)

    def bad_parameter(self, request: Request, error: Exception) -> Response:
        name = getattr(error, "name", None) or getattr(error, "option", None) or "q"
        return self.error(request, 400, name, str(error))

    def no_index(self, request: Request, error: Exception) -> Response:
        """No index yet, or a damaged one: the one-line message (what to run) with 503."""
        return self.error(request, 503, "", f"{error}")

    def http_error(self, request: Request, error: HTTPException) -> Response:
        message = "Không có trang này." if error.status_code == 404 else error.detail
        return self.error(request, error.status_code, "", message)

    def server_error(self, request: Request, error: Exception) -> Response:
        return self.error(request, 500, "", "Lỗi máy chủ: yêu cầu này không trả lời được; chi tiết ở nhật ký của htx serve.")


def create_app(data_dir: Path) -> ResponseHeaders:
    """The web application over the data directory ``data_dir`` (read only)."""
    web = WebApp(data_dir)
    routes = [
        Route("/", lambda request: RedirectResponse("/search")),
        Route("/search", web.search_page), Route("/article", web.article_page),
        Route("/compare", web.compare_page), Route("/compare.csv", web.compare_csv),
        Route("/facts", web.facts_page), Route("/crawls", web.crawls_page),
        Route("/api/search", web.search_api), Route("/api/compare", web.compare_api), Route("/api/facts", web.facts_api),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    handlers = {params.BadParameter: web.bad_parameter, FilterError: web.bad_parameter, QueryError: web.bad_parameter,
                IndexMissing: web.no_index, IndexDamaged: web.no_index, HTTPException: web.http_error,
                Exception: web.server_error}
    return ResponseHeaders(Starlette(routes=routes, exception_handlers=handlers))
