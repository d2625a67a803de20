#include "cli/app.h"

int main(int argc, char** argv) { return tadqiq::cli::run(argc, argv); }
