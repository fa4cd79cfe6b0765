# SPDX-License-Identifier: Apache-2.0
# tests/oracle/check_rules_doc.cmake: docs/rules.md documents every rule the oracle knows.
#   cmake -DRULES_H=<oracle/awe_rules.h> -DDOC=<docs/rules.md>
#         -P check_rules_doc.cmake
# For every id of AWE_RULE_LIST in RULES_H, DOC must hold an entry
#   ### <ID>
#   - Evidence: <text naming DOC, NT52 or INF>
#   - Rule tag: <DOC|NT52|INF>
#   - Yields: <text>
# (the three lines in any order, before the next heading), and the rule tag must equal the one
# the rule list gives the rule (X(<ID>, <TAG>)).
foreach(var RULES_H DOC)
  if(NOT EXISTS "${${var}}")
    message(FATAL_ERROR "${var} (${${var}}) does not exist")
  endif()
endforeach()

# The body of the AWE_RULE_LIST macro: from its #define to the first line not continued by '\'.
file(STRINGS "${RULES_H}" header)
set(in_list FALSE)
set(ids "")
foreach(line IN LISTS header)
  if(line MATCHES "^#define AWE_RULE_LIST\\(X\\)")
    set(in_list TRUE)
  endif()
  if(in_list)
    string(REGEX MATCHALL "X\\([A-Z]+[0-9]+, [A-Z0-9]+\\)" items "${line}")
    foreach(item IN LISTS items)
      string(REGEX REPLACE "^X\\(([A-Z0-9]+), ([A-Z0-9]+)\\)$" "\\1;\\2" pair "${item}")
      list(GET pair 0 id)
      list(GET pair 1 tag)
      list(APPEND ids "${id}")
      set(tag_${id} "${tag}")
    endforeach()
    if(NOT line MATCHES "\\\\$")
      break()
    endif()
  endif()
endforeach()
list(LENGTH ids n_ids)
if(n_ids EQUAL 0)
  message(FATAL_ERROR "no rule ids found in AWE_RULE_LIST of ${RULES_H}")
endif()

# The document with a leading newline, so every heading is found as "\n### <ID>\n".
file(READ "${DOC}" doc)
string(PREPEND doc "\n")

set(problems "")
foreach(id IN LISTS ids)
  string(FIND "${doc}" "\n### ${id}\n" at)
  if(at EQUAL -1)
    list(APPEND problems "${id}: no '### ${id}' entry")
    continue()
  endif()
  # The entry: from its heading line to the next heading of any level.
  string(LENGTH "\n### ${id}\n" head_len)
  math(EXPR body_at "${at} + ${head_len} - 1")
  string(SUBSTRING "${doc}" ${body_at} -1 body)
  string(FIND "${body}" "\n#" end)
  if(NOT end EQUAL -1)
    string(SUBSTRING "${body}" 0 ${end} body)
  endif()
  if(NOT body MATCHES "\n- Evidence: [^\n]*(DOC|NT52|INF)")
    list(APPEND problems "${id}: no '- Evidence:' line naming DOC, NT52 or INF")
  endif()
  if(NOT body MATCHES "\n- Yields: [^\n]*[^ \n]")
    list(APPEND problems "${id}: no '- Yields:' line")
  endif()
  if(NOT body MATCHES "\n- Rule tag: (DOC|NT52|INF)\n")
    list(APPEND problems "${id}: no '- Rule tag: DOC|NT52|INF' line")
  else()
    set(doc_tag "${CMAKE_MATCH_1}")
    if(NOT tag_${id} STREQUAL doc_tag)
      list(APPEND problems "${id}: rule tag ${doc_tag} in the document, ${tag_${id}} in the oracle")
    endif()
  endif()
endforeach()

if(problems)
  list(LENGTH problems n)
  list(JOIN problems "\n  " text)
  message(FATAL_ERROR "${DOC}: ${n} problem(s) with the rule reference:\n  ${text}")
endif()
message(STATUS "${DOC}: all ${n_ids} rules of AWE_RULE_LIST documented")
