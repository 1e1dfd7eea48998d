/*
 * render.h - response documents: build them with libxml2 calls that escape,
 * answer with the XML itself (the API) or with the page's compiled
 * stylesheet applied (HTML for the browser, print layouts for paper).
 *
 * Stylesheets are compiled once per process and cached by name. libxslt runs
 * under security preferences that forbid writing files, creating directories
 * and any network access, and read only below the stylesheet directory.
 */
#ifndef XS_RENDER_H
#define XS_RENDER_H

#include <libxml/tree.h>
#include "http.h"

/*
 * Initialise libxml2/libxslt for this process and remember xsl_dir.
 * Returns 0, or -1 if the security preferences cannot be set.
 */
int render_init(const char *xsl_dir);

/* Free the stylesheet cache and the libraries' global state (at exit). */
void render_cleanup(void);

/*
 * A new response document <page name="NAME" lang="zh-CN"> owned by the
 * arena (freed with it). Returns the root element or NULL on out of memory.
 */
xmlNodePtr render_page(arena *a, const char *name);

/* <name>text</name> under parent, text escaped. NULL text adds nothing. */
xmlNodePtr xml_text(xmlNodePtr parent, const char *name, const char *text);

/* An attribute (escaped); NULL value adds nothing. */
void xml_attr(xmlNodePtr node, const char *name, const char *value);

/* An integer attribute. */
void xml_attr_int(xmlNodePtr node, const char *name, long long value);

/* An empty child element. */
xmlNodePtr xml_node(xmlNodePtr parent, const char *name);

/* True when the client asked for the XML itself (?format=xml or Accept). */
int render_wants_xml(const struct http_request *req);

/*
 * Fill resp from root's document: the XML when as_xml, otherwise the result
 * of xsl/pages/<stylesheet>.xsl. Sets the content type and the security
 * headers. Returns 0, or -1 when the stylesheet is missing or fails (the
 * caller answers 500).
 */
int render_respond(struct http_response *resp, xmlNodePtr root,
    const char *stylesheet, int as_xml);

/*
 * As render_respond, with string parameters for the stylesheet (NULL-
 * terminated name, value pairs; quoted, never evaluated as XPath). They
 * reach only the HTML: the one-time password of a new account is shown this
 * way, so that no XML document ever holds a password.
 */
int render_respond_with(struct http_response *resp, xmlNodePtr root,
    const char *stylesheet, int as_xml, const char **params);

/* Number of stylesheets compiled so far in this process (for the tests). */
int render_compiled_count(void);

#endif
