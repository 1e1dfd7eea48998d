/*
 * html_out.h - a transformation's HTML result written out as libxml2's HTML
 * serializer writes it (xsl:output method="html", indent="no", UTF-8), in
 * one pass into one buffer.
 *
 * libxml2's serializer looks up every element and attribute name in its
 * HTML tables with case-insensitive compares, copies each attribute value
 * twice through temporary strings and writes through an output buffer with
 * an encoder: a fifth of a dashboard's instructions. This one gives the same
 * bytes for what our stylesheets produce (elements, attributes, namespace
 * declarations, text, unescaped text, comments, the document type), with the
 * names' HTML properties remembered per name. A node of another kind makes
 * it step aside (HTML_OUT_OTHER) and the caller uses libxml2's.
 * XUESHI_RENDER_CHECK=1 makes render.c compare the two on every page.
 */
#ifndef XS_HTML_OUT_H
#define XS_HTML_OUT_H

#include <stddef.h>
#include <libxml/tree.h>

enum html_out_result {
	HTML_OUT_OK = 0,
	HTML_OUT_NOMEM,   /* out of memory: nothing in *out */
	HTML_OUT_OTHER    /* a node this writer does not write: nothing in *out */
};

/*
 * The document res, as libxml2's htmlDocContentDumpFormatOutput(res, "UTF-8",
 * 0) writes it after htmlSetMetaEncoding(res, "UTF-8") (which this calls,
 * as libxslt's xsltSaveResultTo does): a malloc'd buffer in *out (free it)
 * of *len bytes, NUL-terminated.
 */
enum html_out_result html_out(xmlDocPtr res, char **out, size_t *len);

#endif
