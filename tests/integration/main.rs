//! Whole-site tests: one binary, a module per feature. Each test builds a small
//! fixture site from `tests/sites/` (see tests/README.md for how to add one).

mod support;

mod adversarial;
mod appendices;
mod architecture;
mod build;
mod capacity;
mod cli;
mod cms;
mod codes;
mod conditions;
mod confidentiality;
mod corpus;
mod data;
mod disclosure;
mod docs_examples;
mod edges_front;
mod edges_load;
mod edges_output;
mod editing;
mod heading_ids;
mod history;
mod import;
mod import_capacity;
mod incremental;
mod invalid;
mod meetings;
mod minimums;
mod plain_messages;
mod positions;
mod record;
mod redirects;
mod return_links;
mod rules;
mod scaffold;
mod self_audit;
mod serve;
mod summaries;
mod template;
mod workbooks;
mod year_end;
mod year_end_import;
