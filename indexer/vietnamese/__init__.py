"""The Vietnamese language: text normal forms, day-first dates, provinces and their 2025 units, relevance.

Normal forms (what every stored and searched text is brought to):
- NFC: composed Unicode (a decomposed "ệ" becomes one code point);
- canonical syllable: the tone mark on the vowel where modern spelling puts it ("hoà" and "hòa" are one);
- folded: the syllable without diacritics and with đ as d ("hợp" → "hop"), for queries typed without them;
- name key: a place name folded, lower case, without spaces or "tỉnh"/"thành phố" ("Sóc Trăng" → "soctrang").
"""
