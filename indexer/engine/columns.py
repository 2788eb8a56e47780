"""Column values read in bulk: a segment's reference, variable-length and numeric columns read in one piece
(whoosh-reloaded 2.7's column layouts), for counting per province and comparing per period."""

import struct
from collections import Counter

import numpy as np
from whoosh.columns import MultiColumnReader, NumericColumn, RefBytesColumn, VarBytesColumn
from whoosh.searching import Searcher

COLUMN_LOOKUPS = 2000  # up to this many documents, column values are looked up one document at a time
NO_DATE = 2**64 - 1  # what Whoosh's 64-bit date column holds for a document without a date
DAY = 86_400_000_000  # a day in that column: Whoosh stores dates as microseconds since datetime.min


def _default(reader):
    """What a raw column reader gives a document without a value."""
    return reader._unpack(reader._defaultbytes)[0] if isinstance(reader, NumericColumn.Reader) else b""


def _segment_column(reader) -> list:
    """Every raw value of one segment's column: reference, variable-length and numeric columns read in one
    piece (whoosh-reloaded 2.7's column layouts), others value by value."""
    if isinstance(reader, RefBytesColumn.Reader):
        return [reader._uniques[ref] for ref in reader._dbfile.get_array(reader._basepos, reader._typecode, reader._doccount)]
    if isinstance(reader, VarBytesColumn.Reader) and reader._doccount:
        data = reader._dbfile.get(reader._basepos, reader._offsets[-1] + reader._lengths[-1])
        return [data[start : start + size] for start, size in zip(reader._offsets, reader._lengths)]
    if isinstance(reader, NumericColumn.Reader):
        data = reader._dbfile.get(reader._basepos, reader._count * reader._fixedlen)
        values = [value for (value,) in struct.iter_unpack("!" + reader._typecode, data)]
        return values + [_default(reader)] * (reader._doccount - reader._count)
    return list(reader)


def column_values(searcher: Searcher, fieldname: str, docs: list[int]):
    """The raw (untranslated) column value of each of ``docs``, indexable by document number: looked up one
    document at a time for a few documents, else the whole column read segment by segment."""
    column = searcher.reader().column_reader(fieldname, translate=False)
    if len(docs) <= COLUMN_LOOKUPS:
        return {doc: column[doc] for doc in docs}
    if not isinstance(column, MultiColumnReader):
        return _segment_column(column)
    # a segment where no document has a value has no column: its documents get the missing value, as column[doc]
    values = [_default(column._readers[0]) if column._readers else b""] * searcher.doc_count_all()
    for segment, offset in zip(column._readers, column._doc_offsets):
        part = _segment_column(segment)
        values[offset : offset + len(part)] = part
    return values


def column_numbers(searcher: Searcher, fieldname: str, docs: np.ndarray) -> np.ndarray:
    """The raw numeric column value (a date's microseconds, NO_DATE when it has none) of each of ``docs`` (sorted),
    as an array: each segment's column read in one piece and indexed with numpy."""
    column = searcher.reader().column_reader(fieldname, translate=False)
    segments = zip(column._readers, column._doc_offsets) if isinstance(column, MultiColumnReader) else [(column, 0)]
    values = np.full(len(docs), NO_DATE, np.uint64)  # documents of segments without the column have no value
    for segment, offset in segments:
        start, end = np.searchsorted(docs, [offset, offset + segment._doccount])
        if start == end:
            continue
        if not isinstance(segment, NumericColumn.Reader):  # not a numeric column (never for dates): one by one
            values[start:end] = [segment[doc] for doc in (docs[start:end] - offset).tolist()]
            continue
        dtype = np.dtype(segment._typecode).newbyteorder(">")  # Whoosh writes numbers big-endian ("!")
        stored = np.frombuffer(segment._dbfile.get(segment._basepos, segment._count * segment._fixedlen), dtype)
        whole = np.concatenate([stored, np.full(segment._doccount - segment._count, _default(segment), dtype)])
        values[start:end] = whole[docs[start:end] - offset]
    return values


def count_by_term(searcher: Searcher, docs: np.ndarray, fieldname: str) -> Counter:
    """How many of ``docs`` hold each value of a sortable one-value ID field stored as a reference column
    (province, unit_2025): a few documents looked up one by one, else each segment's references counted."""
    column = searcher.reader().column_reader(fieldname, translate=False)
    if len(docs) <= COLUMN_LOOKUPS:
        counts = Counter(column[doc] for doc in docs.tolist())
    else:  # segments where no document has a value have no column
        segments = zip(column._readers, column._doc_offsets) if isinstance(column, MultiColumnReader) else [(column, 0)]
        counts, covered = Counter(), 0
        for segment, offset in segments:
            start, end = np.searchsorted(docs, [offset, offset + segment._doccount])
            refs = np.asarray(segment._dbfile.get_array(segment._basepos, segment._typecode, segment._doccount))
            found = np.bincount(refs[docs[start:end] - offset], minlength=len(segment._uniques))
            counts.update(dict(zip(segment._uniques, found.tolist())))
            covered += end - start
        counts[b""] += len(docs) - covered  # documents of segments without the column
    return +Counter({key.decode(): n for key, n in counts.items()})
