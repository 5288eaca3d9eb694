#pragma once

#include "engine/bench.h"
#include "error.h"
#include "explain.h"
#include "labresult.h"
#include "labtable.h"
#include "progress.h"
#include "request.h"
#include "validate.h"

#include <atomic>
#include <functional>
#include <memory>

namespace poslab {

// How a caller follows and stops one computation.
struct RunControl
{
    // Set by another thread to stop: Cancelled is thrown at the next tile, head or run.
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(int done, int total)> progress; // after each engine run of the request
    // Within an engine run of the oneDNN engine (streamed or not): its tiles' progress, with the
    // time left measured from them. From a worker thread; one call at a time.
    std::function<void(const WorkProgress&)> work;
};

// The worked example of a request's cell, with the reference attention whose numbers it prints.
struct WalkResult
{
    Walk walk;
    std::shared_ptr<const Scheme> scheme;
    Sequence sequence;
    AttentionResult attention;
};

// The one place PosLab computes. It owns the process's attention engines and their caches (oneDNN
// primitives and buffers, projected inputs, result buffers for reuse) and turns a request into what
// its views need, validating it first (validate.h). Every front end calls it: poslab-cli, the
// explorer's driver thread, figures and Export Figure. Thread-safe: computations take turns (a
// mutex), since each engine run already uses every core.
class Lab
{
  public:
    Lab();
    ~Lab();
    Lab(const Lab&) = delete;
    Lab& operator=(const Lab&) = delete;

    // What views show: probabilities and logits (of every head when request.everyHead, else of
    // request.head), the bias when it is shown or compared, score terms (every head's when a term is
    // shown, else request.head's when request.terms), the compare and shift runs, and, above the
    // memory budget (request.pool.fallback) or when asked (request.pool.cells), the probabilities of
    // request.head streamed and pooled instead; with request.region only that rectangle of them.
    LabResult compute(const LabRequest& request, const RunControl& control = {});
    // The table of request.matrix, as poslab-cli compute writes it.
    Table table(const LabRequest& request, const RunControl& control = {});
    // The worked example of request.cellI, cellJ in request.head (the reference engine's numbers).
    WalkResult walk(const LabRequest& request);
    BenchReport bench(const BenchRequest& request);

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace poslab
