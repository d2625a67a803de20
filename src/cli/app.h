// tadqiq/cli/app.h — the command line: argv, exit codes, wiring of the stages.
// Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage error or no readable
// article (or invalid rules).
#pragma once

namespace tadqiq::cli {

int run(int argc, char** argv);

}  // namespace tadqiq::cli
