"""The Scrapy project: portal profiles, the generic portal spider, extraction and the index pipelines."""
