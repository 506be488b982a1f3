// epoll(7) for the HTTP server's event loop: Glibc's Swift module does not include <sys/epoll.h>.
// Empty elsewhere; the server falls back to poll(2) there.
#ifdef __linux__
#include <sys/epoll.h>
#endif
