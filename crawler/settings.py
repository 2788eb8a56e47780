"""Scrapy settings: polite by default (robots.txt, AutoThrottle, two requests per portal at a time)."""

BOT_NAME = "htx"
SPIDER_LOADER_CLASS = "crawler.spider_loader.ProfileSpiderLoader"
USER_AGENT = "htx-news/0.1 (+https://github.com/htx-news/htx-news; cooperative news search)"

ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"

# Response order runs from high to low numbers: the loop and off-site checks see a redirect (and the off-site
# check a meta refresh) before RedirectMiddleware (600) and MetaRefreshMiddleware (580),
# the Retry-After wait happens before RetryMiddleware (550) retries; private redirects are refused before
# RobotsTxtMiddleware (100) would fetch the new host's robots.txt.
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.RobotsTxtMiddleware": 100,  # Scrapy's, with a robots.txt it cannot fetch in one line
    "crawler.middlewares.PrivateRedirectMiddleware": 60,
    "crawler.middlewares.OffsiteRedirectMiddleware": 640,
    "crawler.middlewares.RetryAfterMiddleware": 560,
    "crawler.middlewares.RedirectLoopMiddleware": 650,
}

ITEM_PIPELINES = {
    "crawler.pipelines.ItemStorePipeline": 100,
    "crawler.pipelines.IndexPipeline": 300,
}

# htx's own settings
HTX_DATA_DIR = None  # None: $HTX_INDEX or ~/.local/share/htx
HTX_BATCH_SIZE = 100  # articles per index commit (a killed crawl recovers the rest from items/)
HTX_KEEP_ALL = False  # index articles that are not about cooperatives too
HTX_RETRY_AFTER_MAX = 60  # seconds: the longest Retry-After wait honoured before retrying a 503 or 429
HTX_DISCOVERY_BUDGET = 60  # pages a crawl without a list profile may ask for (the start page not counted)
