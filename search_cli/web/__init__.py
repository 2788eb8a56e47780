"""``htx serve``: a local, read-only web page over the library API (search, compare, figures, crawls)."""
