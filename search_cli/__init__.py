"""The ``htx`` command line."""
