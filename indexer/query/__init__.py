"""The query engine: parsing a query, matching it on the postings, ranking, snippets."""
