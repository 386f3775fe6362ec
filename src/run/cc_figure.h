/* cc_figure.h: what a figure driver includes: the C library it uses (maths, strings, memory,
 * the CPU clock), the grid of conditions, the panel writers and the verdict rules; a driver adds
 * only the headers of its own science (cc_logit.h, cc_switch.h, cc_sleep.h ...).
 */
#ifndef CC_FIGURE_H
#define CC_FIGURE_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cc_panel.h"
#include "cc_rules.h"

#endif
