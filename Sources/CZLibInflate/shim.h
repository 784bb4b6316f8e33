// zlib's inflate, for the members of zip packages (LEAP2A). Debian: zlib1g-dev.
#include <zlib.h>
