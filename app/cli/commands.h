#pragma once

#include <string>
#include <vector>

namespace poslab::cli {

// Each command parses its own options, computes everything, and returns the bytes for stdout
// (empty when it wrote a file instead). Bad input is a poslab::Error.
std::string runSchemes(const std::vector<std::string>& args);
std::string runCompute(const std::vector<std::string>& args);
std::string runExplain(const std::vector<std::string>& args);
std::string runBench(const std::vector<std::string>& args);
std::string runIsa(const std::vector<std::string>& args);
std::string runInspect(const std::vector<std::string>& args);
std::string runFigure(const std::vector<std::string>& args); // built with the GUI only

// --lang CODE (explain, figure): the interface language of what the command writes; Error when
// PosLab does not speak it or this build has no translations.
void setLanguage(const std::string& name);

std::string mainUsage();
std::string schemesUsage();
std::string computeUsage();
std::string explainUsage();
std::string benchUsage();
std::string isaUsage();
std::string inspectUsage();
std::string figureUsage();

} // namespace poslab::cli
