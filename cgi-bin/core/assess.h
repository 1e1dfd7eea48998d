/*
 * core/assess.h - what pages include for assessments: the store's loaders
 * and passes (store/assess.h, on the pure rules of domain/assess.h) and
 * the XML view (views/assessment.h).
 */
#ifndef XS_ASSESS_H
#define XS_ASSESS_H

#include "store/assess.h"
#include "views/assessment.h"

#endif
