"""Scrapy spider loader that makes one spider per portal profile, so ``scrapy list`` shows every portal."""

from crawler.profiles import PortalProfile, load_profiles
from crawler.spiders.portal import PortalSpider


def spider_class(profile: PortalProfile) -> type[PortalSpider]:
    """The spider for one portal: PortalSpider bound to its profile, with the profile's Scrapy settings."""
    return type(f"{profile.name.title()}Spider", (PortalSpider,), {"name": profile.name, "profile": profile, "custom_settings": profile.settings})


class ProfileSpiderLoader:
    """Spiders are :class:`PortalSpider` subclasses named after the profiles in ``crawler/portals``."""

    def __init__(self, settings=None):
        self._spiders = {name: spider_class(profile) for name, profile in load_profiles().items()}

    @classmethod
    def from_settings(cls, settings):
        return cls(settings)

    def load(self, spider_name):
        try:
            return self._spiders[spider_name]
        except KeyError:
            raise KeyError(f"no portal profile named {spider_name!r}; see 'htx portals'") from None

    def list(self):
        return sorted(self._spiders)

    def find_by_request(self, request):
        return [name for name, spider in self._spiders.items() if spider.profile.owns(request.url)]
