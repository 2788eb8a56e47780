"""Vietnamese text analysis, the article record, the item store and the Whoosh index."""
