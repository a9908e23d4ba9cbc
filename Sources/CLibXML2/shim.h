#ifndef RAC2QB_CLIBXML2_SHIM_H
#define RAC2QB_CLIBXML2_SHIM_H

/* Debian builds libxml2 with ICU; its headers then pull in ICU types that
   clash with Foundation's own copy. Nothing here needs the ICU API. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>

/* xmlFree is a macro-backed global on Debian: give Swift a function. */
static inline void rac2qb_xmlFree(void *pointer) {
    xmlFree(pointer);
}

#endif
