/*
 * views/assessment.h - an assessment as XML: the <assessment> element the
 * teacher pages, the school and district pages and `xueshictl assess` show.
 */
#ifndef XS_VIEWS_ASSESSMENT_H
#define XS_VIEWS_ASSESSMENT_H

#include <libxml/tree.h>

#include "domain/assess.h"

/*
 * <assessment> under parent for a: result, category, thresholds, totals,
 * reasons, and a <count> per record (claimed, counted, what cut it).
 * Returns the element, or NULL when out of memory.
 */
xmlNodePtr assess_xml(xmlNodePtr parent, const struct assessment *a);

#endif
