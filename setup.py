# Everything is in pyproject.toml; this file exists because scrapyd-deploy builds its egg with `setup.py bdist_egg`.
from setuptools import setup

setup()
