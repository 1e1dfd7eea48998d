/*
 * strings.h - the zh-CN string table (xsl/strings.zh-CN.xml) for the few
 * places C must put words into a file rather than a page: the headers of
 * exported and template spreadsheets, and the words an imported sheet may
 * hold. Parsed once per process; the pages get their words through XSLT.
 */
#ifndef XS_STRINGS_H
#define XS_STRINGS_H

/* The string of key, or NULL when the table or the key is missing. */
const char *strings_get(const char *xsl_dir, const char *key);

/* The same, or the key itself when the table or the key is missing (a header is never empty). */
const char *strings_word(const char *xsl_dir, const char *key);

#endif
