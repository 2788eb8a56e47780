"""The fields of the article index."""

from whoosh.columns import RefBytesColumn, VarBytesColumn
from whoosh.fields import BOOLEAN, DATETIME, ID, KEYWORD, STORED, TEXT, Schema

from indexer.engine.analysis import vietnamese_analyzer
from indexer.engine.codec import AnalyzedPositions

TEXT_FIELDS = ("text", "title")  # searched fields; a query word without a prefix searches "text"


def vietnamese_text(analyzer, stored: bool = False) -> TEXT:
    """A TEXT field whose positions come straight from the Vietnamese analyzer."""
    field = TEXT(analyzer=analyzer, stored=stored)
    field.format = AnalyzedPositions(field_boost=field.format.field_boost)
    return field


def build_schema() -> Schema:
    """One document per canonical article URL."""
    analyzer = vietnamese_analyzer()
    return Schema(
        url=ID(stored=True, unique=True),
        portal=ID(stored=True),
        province=ID(stored=True, sortable=RefBytesColumn()),  # a column of references to 63 names: read whole fast
        province_name=STORED,
        unit_2025=ID(stored=True, sortable=RefBytesColumn()),
        mentions=KEYWORD(stored=True),  # a national article: the provinces its headline or lead names
        title=vietnamese_text(analyzer, stored=True),
        lead=STORED,
        body=STORED,
        text=vietnamese_text(analyzer),  # title, lead and body in one field: one posting list per word to search
        published=DATETIME(stored=True, sortable=True),
        crawled=DATETIME(stored=True),
        about_cooperatives=BOOLEAN(stored=True),
        content_hash=STORED,
        story=ID(stored=True, sortable=VarBytesColumn(write_offsets_cutoff=0)),  # the URL of the first copy of a story republished elsewhere
        simbands=KEYWORD,
        metrics=KEYWORD,  # names of the figure metrics the article reports (indexer/figures.py)
        figures=STORED,  # the figures themselves, extracted once at index time
        extractor=STORED,
    )
