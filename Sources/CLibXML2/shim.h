// The parts of libxml2 Pathfolio uses: the streaming reader, XSD validation, the parser
// options and the structured error type. Headers come from `pkg-config libxml-2.0`
// (Debian: libxml2-dev).
#ifndef PATHFOLIO_CLIBXML2_SHIM_H
#define PATHFOLIO_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, so its headers would include <unicode/*.h>, which
// clash with the ICU copy inside Foundation. Pathfolio never touches the ICU part of
// xmlCharEncodingHandler (only the library allocates it, and only through pointers), so
// the headers are read without it.
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlIO.h>

/// Frees memory libxml2 allocated (xmlFree is a global function pointer Swift cannot call
/// safely under strict concurrency).
static inline void pathfolio_xml_free(void *pointer) { xmlFree(pointer); }

#endif
