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

#include <dlfcn.h>

// libxml2 is loaded when a command first reads XML (`dlopen`), not when the program starts:
// it brings ICU and liblzma with it, about 0.4 ms and 60 page faults that `show` or `list`
// would pay for nothing. The headers give each function's exact type; the functions are
// called through this table, found by name once. The list is every libxml2 function
// Pathfolio calls. The headers still declare the others, so a direct call would compile and
// link (pkg-config links libxml2); Scripts/build-release.sh then keeps libxml2 at start.
#define PATHFOLIO_LIBXML2_FUNCTIONS(X) \
    X(xmlInitParser) X(xmlSetExternalEntityLoader) X(xmlSetStructuredErrorFunc) X(xmlSetGenericErrorFunc) \
    X(__xmlStructuredErrorContext) X(__xmlGenericError) X(xmlFree) \
    X(xmlSchemaNewMemParserCtxt) X(xmlSchemaFreeParserCtxt) X(xmlSchemaSetParserStructuredErrors) X(xmlSchemaParse) \
    X(xmlSchemaFree) X(xmlSchemaNewValidCtxt) X(xmlSchemaSetValidStructuredErrors) X(xmlSchemaFreeValidCtxt) \
    X(xmlReaderForFd) X(xmlReaderForMemory) X(xmlFreeTextReader) X(xmlTextReaderSchemaValidateCtxt) \
    X(xmlTextReaderRead) X(xmlTextReaderReadState) X(xmlTextReaderNodeType) X(xmlTextReaderConstLocalName) \
    X(xmlTextReaderConstNamespaceUri) X(xmlTextReaderConstValue) X(xmlTextReaderConstPrefix) \
    X(xmlTextReaderIsEmptyElement) X(xmlTextReaderDepth) X(xmlTextReaderGetParserLineNumber) \
    X(xmlTextReaderGetParserColumnNumber) X(xmlTextReaderCurrentNode) X(xmlGetLineNo) \
    X(xmlTextReaderMoveToAttribute) X(xmlTextReaderMoveToAttributeNs) X(xmlTextReaderMoveToElement) \
    X(xmlTextReaderMoveToFirstAttribute) X(xmlTextReaderMoveToNextAttribute) X(xmlTextReaderReadInnerXml)

/// libxml2's functions, each with the type its header declares (`xmlFree` is a variable
/// holding a function: its field points at it).
struct pathfolio_libxml2 {
#define PATHFOLIO_LIBXML2_FIELD(name) __typeof__(&name) _Nonnull name;
    PATHFOLIO_LIBXML2_FUNCTIONS(PATHFOLIO_LIBXML2_FIELD)
#undef PATHFOLIO_LIBXML2_FIELD
};

/// Finds every function of the table in `library` (a `dlopen` handle). Returns NULL when
/// all are found, else the name of the first one missing (an older libxml2).
static inline const char *pathfolio_libxml2_find(void *library, struct pathfolio_libxml2 *table) {
#define PATHFOLIO_LIBXML2_FIND(name) \
    if (!(*(void **)&table->name = dlsym(library, #name))) return #name;
    PATHFOLIO_LIBXML2_FUNCTIONS(PATHFOLIO_LIBXML2_FIND)
#undef PATHFOLIO_LIBXML2_FIND
    return 0;
}

/// Frees memory libxml2 allocated (xmlFree is a global function pointer Swift cannot call
/// safely under strict concurrency).
static inline void pathfolio_xml_free(const struct pathfolio_libxml2 *xml, void *pointer) { (*xml->xmlFree)(pointer); }

/// Discards what libxml2 writes through its generic error handler ("Unimplemented block at
/// xmlschemas.c…" went straight to stderr): a variadic C function, which Swift cannot define.
static void pathfolio_discard_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

/// Per thread, as libxml2's handlers are: silenced where Pathfolio reads (see
/// `XMLStreamReader.withErrorHandler`).
static inline void pathfolio_silence_generic_errors(const struct pathfolio_libxml2 *xml) {
    xml->xmlSetGenericErrorFunc(NULL, pathfolio_discard_generic_error);
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
static inline int pathfolio_error_handlers_point_at(const struct pathfolio_libxml2 *xml, void *sink) {
    return *xml->__xmlStructuredErrorContext() == sink && *xml->__xmlGenericError() == pathfolio_discard_generic_error;
}

#endif
