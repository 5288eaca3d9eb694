#pragma once

#include "request.h"

namespace poslab {

// What a request is checked for: the checks every product shares, and each product's own.
enum class LabProduct
{
    Views, // what the explorer's views and multi-map figures need (Lab::compute)
    Table, // one table of `matrix`, as poslab-cli compute writes it (Lab::table)
    Walk   // the worked example of the selected cell (Lab::walk)
};

// The one validation of a request. Throws FieldError naming the field ("pool", "head", "cell.i",
// ...) and, for a scheme's own complaint, Error with the scheme's message. Lab runs it before
// computing; front ends may run it early to refuse input before anything is drawn.
void validate(const LabRequest& request, LabProduct product);

// The checks validate() shares with the engines, so that each limit is checked in one place.
void checkHead(int head, int heads);
void checkCell(int i, int j, int n); // query i and key j of an n-token sequence
void checkTermsN(int n);
void checkPoolCells(int cells);
void checkThreads(int threads);
void checkPrecision(EngineKind engine, Precision precision);

} // namespace poslab
