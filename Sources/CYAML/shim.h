// Debian's libyaml-dev (pkg-config yaml-0.1): the event-level parser API.
#include <yaml.h>
