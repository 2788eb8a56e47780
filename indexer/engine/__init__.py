"""The storage engine: everything that touches Whoosh's internals (pinned: whoosh-reloaded 2.7.5).

Only this package may use Whoosh's private names (tests/test_layout.py checks the rest of the tree). It relies on:
- codec.py — W3PostingsWriter's ``_write_block``, ``_new_block``, ``_postfile``, ``_terminfo``, ``_blocklimit``,
  ``_compression``, ``_inlinelimit``, ``_byteids``, ``_format``, ``_ids``, ``_weights``, ``_values``,
  ``_minlength``, ``_maxlength``, ``_maxweight``; W3PerDocWriter's ``_create_column``; W3LeafMatcher's ``_goto``,
  ``_read_ids``, ``_read_weights``, ``_read_values``, ``_postfile``, ``_term``, ``_startoffset``, ``_length``,
  ``_blockcount``, ``_lastblock``, ``_maxid``, ``_i``, ``_dataoffset``, ``_nextoffset``, ``_blocklength``;
  WHOOSH3_HEADER_MAGIC;
- columns.py — column readers' ``_dbfile``, ``_basepos``, ``_typecode``, ``_doccount``, ``_uniques``, ``_offsets``,
  ``_lengths``, ``_count``, ``_fixedlen``, ``_unpack``, ``_defaultbytes``; MultiColumnReader's ``_readers`` and
  ``_doc_offsets``; the date column's encoding (microseconds since datetime.min, 2**64 - 1 for no date);
- index.py — ``Index._segments()``.
Upgrading Whoosh means checking each of these. Changing the postings layout or the analyzer means ``htx reindex``
(raise ``PostingsCodec.LAYOUT``, so that older indexes ask for it).
"""
