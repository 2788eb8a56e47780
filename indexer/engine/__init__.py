"""The storage engine: everything that touches Whoosh's internals (pinned: whoosh-reloaded 2.7.5).

Only this package may use Whoosh's private names (tests/test_layout.py checks). It relies on:
- codec.py: W3Codec/W3PostingsWriter/W3LeafMatcher/W3PerDocWriter internals ``_blocklimit``, ``_compression``,
  ``_inlinelimit``, ``_postfile``, ``_terminfo``, ``_write_block``, ``_create_column``, ``_read_ids``,
  ``_read_weights``, ``_read_values``, ``_goto``, ``_data``, ``_dataoffset``, ``_nextoffset``,
  ``_startoffset``, ``_length``, ``_blocklength``, ``_ids``, ``_weights``, ``_values``, ``_idsize``,
  ``_weightsize``, ``_fieldname``, ``_format``, ``_byteids``, WHOOSH3_HEADER_MAGIC;
- columns.py: column readers' ``_dbfile``, ``_basepos``, ``_typecode``, ``_doccount``, ``_uniques``,
  ``_offsets``, ``_lengths``, ``_count``, ``_fixedlen``, ``_unpack``, ``_defaultbytes``,
  MultiColumnReader's ``_readers`` and ``_doc_offsets``; the 64-bit date column's empty value;
- index.py: ``Index._segments()``.
Changing the postings layout or the analyzer means ``htx reindex`` (raise ``PostingsCodec.LAYOUT``).
"""
