// orbitsim's entry point: everything lives in the library (see app/cli.cpp).
#include "app/commands.hpp"

int main(int argc, char** argv) { return orbitsim::run_cli(argc, argv); }
