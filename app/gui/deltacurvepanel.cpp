#include "deltacurvepanel.h"

#include "deltacurveview.h"
#include "driver.h"
#include "explorerstate.h"
#include "retranslate.h"
#include "viewdata.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace poslab::gui {

DeltaCurvePanel::DeltaCurvePanel(Driver* driver, ExplorerState* state, QWidget* parent)
    : QWidget(parent), m_state(state), m_refresher(state, View::DeltaCurve, this, [this] { rebuild(); }),
      m_range(new QSpinBox(this)), m_bound(new QCheckBox(this)), m_boundDim(new QSpinBox(this)),
      m_view(new widgets::DeltaCurveView(this))
{
    m_boundDim->setRange(2, kMaxDModel);
    m_boundDim->setSingleStep(2);
    m_boundDim->setValue(128); // the paper's and most models' head size: large enough to see the decay
    m_range->setRange(1, kMaxShownRange);
    m_range->setValue(state->deltaRange());
    m_range->setPrefix(QStringLiteral("\u00b1"));
    auto* row = new QHBoxLayout;
    auto* label = new QLabel(this);
    label->setBuddy(m_range);
    row->addWidget(label);
    row->addWidget(m_range);
    row->addWidget(m_bound);
    row->addWidget(m_boundDim);
    // Wraps instead of widening the window: the view, not its caption, decides the minimum width.
    auto* legend = new QLabel(this);
    legend->setWordWrap(true);
    retranslateWith(this, [this, label, legend] {
        m_bound->setText(tr("RoFormer &bound"));
        m_bound->setToolTip(tr("RoFormer §3.4.3: the relative upper bound (1/(d/2)) \u03a3\u2c7c |S\u2c7c|, "
                               "S\u2c7c = \u03a3_{k<j} e^{i\u0394\u03b8\u2096}, with the scheme's own "
                               "frequencies, divided by its value at \u0394 = 0: how far apart tokens' "
                               "rotations stop adding up (rotary schemes)"));
        m_boundDim->setPrefix(tr("head dim "));
        m_boundDim->setToolTip(
            tr("Head dimension d of the bound (even); the model's own heads may be smaller"));
        m_range->setToolTip(tr("\u0394 runs over [\u2212range, range]"));
        label->setText(tr("\u0394 &range:"));
        legend->setText(tr("Lines: the scheme's value (left axis); dots: mean attention along each "
                           "diagonal (right axis); red: the selected cell's \u0394."));
        refresh(); // the plot's title and labels
    });
    row->addWidget(legend, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(row);
    layout->addWidget(m_view, 1);

    connect(m_range, &QSpinBox::valueChanged, state, &ExplorerState::setDeltaRange);
    connect(m_bound, &QCheckBox::toggled, this, &DeltaCurvePanel::refresh);
    connect(m_boundDim, &QSpinBox::valueChanged, this, &DeltaCurvePanel::refresh);
    connect(state, &ExplorerState::deltaRangeChanged, m_range, &QSpinBox::setValue);
    connect(state, &ExplorerState::deltaRangeChanged, this, &DeltaCurvePanel::refresh);
    connect(state, &ExplorerState::headChanged, this, &DeltaCurvePanel::refresh);
    connect(state, &ExplorerState::cellChanged, this, [this](int row, int col) {
        m_view->setMarker(row >= 0 ? double(col - row) : std::numeric_limits<double>::quiet_NaN());
    });
    connect(state, &ExplorerState::highlightedDeltasChanged, this, [this](const QList<int>& deltas) {
        m_view->setHighlightedDeltas(std::vector<int>(deltas.begin(), deltas.end()));
    });
    connect(state, &ExplorerState::sweepDeltaChanged, this, [this](int delta) {
        m_view->setSweep(delta == ExplorerState::noSweep ? std::numeric_limits<double>::quiet_NaN() : delta);
    });
    connect(driver, &Driver::resultAvailable, this, [this](const LabResult& result) {
        m_result = result;
        refresh();
    });
}

void DeltaCurvePanel::rebuild()
{
    if (!m_result.hasData()) return; // a long sequence still has the scheme's curve
    const double marker = m_state->row() >= 0 ? double(m_state->col() - m_state->row())
                                              : std::numeric_limits<double>::quiet_NaN();
    const bool rotary = hasRotaryFrequencies(*m_result.run.scheme);
    m_bound->setEnabled(rotary);
    m_boundDim->setEnabled(rotary && m_bound->isChecked());
    try {
        widgets::CurvePlotData data = curveFor(m_result, m_state->head(), m_state->deltaRange(), marker);
        if (rotary && m_bound->isChecked()) {
            data.series.push_back(decayBoundSeries(m_result, m_boundDim->value(), m_state->deltaRange()));
            data.valueLabel += tr(", relative bound");
        }
        m_view->setData(std::move(data));
    } catch (const std::exception& e) {
        widgets::CurvePlotData empty;
        empty.title = QString::fromUtf8(e.what());
        m_view->setData(empty);
    }
}

} // namespace poslab::gui
