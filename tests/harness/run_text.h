/* SPDX-License-Identifier: Apache-2.0 */
/* run_text.h: what the executor tests share: run a program given as text with a given
 * executor configuration. */
#ifndef AWE_RUN_TEXT_H
#define AWE_RUN_TEXT_H

#include "executor.h"

/* A configuration for `ops` with the privilege held and everything else off. */
awe_exec_config run_config(const awe_backend_ops *ops);
/* Parses `text`, runs it once under cfg, fills res. Parse or set-up failures are CHECK
 * failures and return AWE_RUN_ERROR. */
awe_run_status run_text_with(const awe_exec_config *cfg, const char *text, awe_run_result *res);

#endif
