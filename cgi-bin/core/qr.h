/*
 * core/qr.h - a QR code (libqrencode) as XML the stylesheets draw as SVG:
 *   <qr size="N" text="..."><m x="" y="" w=""/>...</qr>
 * size is the symbol's width in modules (without the quiet zone); each m is
 * a horizontal run of w dark modules starting at column x of row y. The
 * stylesheet (xsl/print/paper.xsl, "qr") adds the 4-module quiet zone.
 */
#ifndef XS_CORE_QR_H
#define XS_CORE_QR_H

#include <libxml/tree.h>

/* Append <qr> for text (error correction M) to parent; NULL on failure. */
xmlNodePtr qr_xml(xmlNodePtr parent, const char *text);

#endif
