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

/// Discards what libxml2 writes through its generic error handler ("Unimplemented block at
/// xmlschemas.c…" went straight to stderr): a variadic C function, which Swift cannot define.
static void pathfolio_discard_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

/// Per thread, as libxml2's handlers are: silenced where Pathfolio reads (see
/// `XMLStreamReader.withErrorHandler`).
static inline void pathfolio_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, pathfolio_discard_generic_error);
}

/// The error sink installed on this thread as libxml2's structured error context (see
/// `XMLStreamReader.withErrorHandler`): installing the same sink again costs nothing, where
/// setting and resetting the handlers around every read was a twelfth of reading a file.
static _Thread_local void *pathfolio_error_sink = 0;

static inline void *pathfolio_installed_error_sink(void) { return pathfolio_error_sink; }

static inline void pathfolio_set_installed_error_sink(void *sink) { pathfolio_error_sink = sink; }

/// Whether libxml2's handlers on this thread are still the ones installed for `sink`: other
/// code in the process that uses libxml2 (Foundation's `XMLParser`) sets its own and resets
/// them to the defaults.
static inline int pathfolio_error_handlers_point_at(void *sink) {
    return xmlStructuredErrorContext == sink && xmlGenericError == pathfolio_discard_generic_error;
}

#endif
