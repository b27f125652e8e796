// Debian's libopenblas-dev (pkg-config openblas). <cblas-openblas.h>, not <cblas.h>: Debian's alternatives
// system may point <cblas.h> at another BLAS, and openblas_set_num_threads is only declared here.
#include <cblas-openblas.h>
