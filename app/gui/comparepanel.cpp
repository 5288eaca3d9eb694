#include "comparepanel.h"

#include "driver.h"
#include "explorerstate.h"
#include "heatmapview.h"
#include "retranslate.h"
#include "viewdata.h"

#include <language.h>

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace poslab::gui {

namespace {

// Room a map takes beyond its square of cells: tick labels, axis titles, colour scale (x), heading
// and title (y).
constexpr int kMapExtraX = 150, kMapExtraY = 190;

QString changeText(double change, int shift)
{
    return QObject::tr("shift s = %1: max |M(s) \u2212 M(0)| = <b>%2</b>").arg(shift).arg(change, 0, 'g', 3);
}

QLabel* makeLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setTextFormat(Qt::RichText);
    label->setAlignment(Qt::AlignCenter);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    // Two lines at least (the scheme, the shift's change): a grid row does not always ask a wrapped
    // label's height for its width.
    label->setMinimumHeight(2 * label->fontMetrics().lineSpacing() + 2);
    return label;
}

} // namespace

ComparePanel::ComparePanel(Driver* driver, ExplorerState* state, QWidget* parent)
    : QWidget(parent), m_driver(driver), m_state(state),
      m_refresher(state, View::Compare, this, [this] { rebuild(); }), m_schemeB(new QComboBox(this)),
      m_shift(new QSpinBox(this)), m_matrix(new QComboBox(this)), m_shows(new QComboBox(this)),
      m_a(new widgets::HeatmapView(this)), m_b(new widgets::HeatmapView(this)),
      m_diff(new widgets::HeatmapView(this)), m_labelA(makeLabel(this)), m_labelB(makeLabel(this)),
      m_labelDiff(makeLabel(this))
{
    for (const auto& name : schemeNames())
        m_schemeB->addItem(QString(), QString::fromStdString(name)); // core's title: retranslated
    m_schemeB->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_schemeB->setMinimumContentsLength(16);
    m_shift->setRange(0, 100'000);
    for (const char* name : {"probs", "logits", "bias"})
        m_matrix->addItem(QString::fromLatin1(name), QString::fromLatin1(name));
    for (CompareShows shows : {CompareShows::Schemes, CompareShows::ShiftA, CompareShows::ShiftB})
        m_shows->addItem(QString(), static_cast<int>(shows));

    auto* row = new QHBoxLayout;
    QLabel* labels[4];
    QWidget* const fields[] = {m_schemeB, m_shift, m_matrix, m_shows};
    for (int k = 0; k < 4; ++k) {
        labels[k] = new QLabel(this);
        labels[k]->setBuddy(fields[k]);
        row->addWidget(labels[k]);
        row->addWidget(fields[k]);
    }
    row->addStretch(1);
    retranslateWith(this, [this, against = labels[0], shift = labels[1], matrix = labels[2],
                           show = labels[3]] {
        for (int k = 0; k < m_schemeB->count(); ++k)
            m_schemeB->setItemText(
                k, figure::schemeTitleIn(figure::language(),
                                         describeScheme(m_schemeB->itemData(k).toString().toStdString()).title));
        m_schemeB->setToolTip(
            tr("The second scheme (default parameters); the first is the one picked on the left"));
        m_shift->setToolTip(tr("Every position is offset by s: token k sits at position s + k"));
        m_shows->setItemText(0, tr("A and B"));
        m_shows->setItemText(1, tr("shift of A"));
        m_shows->setItemText(2, tr("shift of B"));
        m_shows->setToolTip(tr("The two schemes and their difference, or one scheme's shift test: the same "
                               "tokens at positions 0.. (M(0)) and s.. (M(s)), and M(s) \u2212 M(0)"));
        against->setText(tr("&Against:"));
        shift->setText(tr("S&hift s:"));
        matrix->setText(tr("Matri&x:"));
        show->setText(tr("Sho&w:"));
        refresh(); // the headings and titles
    });

    // The three maps, each under its heading, arranged by the room there is (arrangeMaps).
    m_maps = new QWidget(this);
    m_grid = new QGridLayout(m_maps);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_maps->installEventFilter(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(row);
    layout->addWidget(m_maps, 1);
    arrangeMaps();
    // Same title height for the three maps (one may wrap where the others do not), so their rows align.
    for (auto* view : {m_a, m_b, m_diff})
        connect(view, &widgets::HeatmapView::titleLinesChanged, this, [this] {
            const int lines = std::max({m_a->titleLines(), m_b->titleLines(), m_diff->titleLines()});
            for (auto* v : {m_a, m_b, m_diff})
                v->setMinimumTitleLines(lines);
        });

    connect(m_schemeB, &QComboBox::currentIndexChanged, this, [this] {
        const std::string name = m_schemeB->currentData().toString().toStdString();
        m_driver->update([&](LabRequest& r) { r.compareScheme = name; });
    });
    connect(m_shift, &QSpinBox::valueChanged, this,
            [this](int s) { m_driver->update([s](LabRequest& r) { r.shift = s; }); });
    connect(m_matrix, &QComboBox::currentIndexChanged, this, &ComparePanel::refresh);
    connect(m_shows, &QComboBox::currentIndexChanged, this, &ComparePanel::refresh);
    connect(driver, &Driver::requestChanged, this, &ComparePanel::showRequest);
    connect(driver, &Driver::resultAvailable, this, [this](const LabResult& result) {
        m_result = result;
        refresh();
    });
    connect(state, &ExplorerState::headChanged, this, &ComparePanel::refresh);
    connect(state, &ExplorerState::paintingChanged, this, &ComparePanel::refresh);
    // Compare mode costs four runs: only while it is shown. Leaving the view keeps the result (a
    // switch of tabs never recomputes what is on screen).
    connect(state, &ExplorerState::viewChanged, this,
            [this](View view) { m_driver->setCompare(view == View::Compare); });
    for (auto* view : {m_a, m_b, m_diff}) {
        connect(view, &widgets::HeatmapView::tokenClicked, state, &ExplorerState::setCell);
        connect(view, &widgets::HeatmapView::capacityChanged, this, &ComparePanel::refresh);
        connect(state, &ExplorerState::cellChanged, view, [view](int r, int c) {
            view->setSelectedToken({r, c});
        });
    }
}

int compareColumns(QSize area)
{
    int best = 3;
    double bestSide = -1;
    for (int columns : {3, 2, 1}) {
        const int rows = (3 + columns - 1) / columns;
        const double side =
            std::min(double(area.width()) / columns - kMapExtraX, double(area.height()) / rows - kMapExtraY);
        if (side > bestSide + 0.5) {
            bestSide = side;
            best = columns;
        }
    }
    return best;
}

bool ComparePanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_maps && event->type() == QEvent::Resize) arrangeMaps();
    return QWidget::eventFilter(watched, event);
}

// Three across when wide; A and B side by side above their difference when that makes the maps larger;
// one above the other in a tall narrow panel.
void ComparePanel::arrangeMaps()
{
    const int columns = compareColumns(m_maps->size());
    if (columns == m_columns) return;
    m_columns = columns;
    QWidget* const labels[] = {m_labelA, m_labelB, m_labelDiff};
    QWidget* const views[] = {m_a, m_b, m_diff};
    for (int k = 0; k < 3; ++k) {
        m_grid->removeWidget(labels[k]);
        m_grid->removeWidget(views[k]);
    }
    for (int k = 0; k < 6; ++k) {
        m_grid->setRowStretch(k, 0);
        m_grid->setColumnStretch(k, 0);
    }
    for (int k = 0; k < 3; ++k) {
        const int row = 2 * (k / columns), column = k % columns;
        // The last map alone on its row spans it (centred, its cells square).
        const int span = k == 2 && columns == 2 ? 2 : 1;
        m_grid->addWidget(labels[k], row, column, 1, span);
        m_grid->addWidget(views[k], row + 1, column, 1, span);
        m_grid->setRowStretch(row + 1, 1);
    }
    // B and the difference carry a colour scale, A does not (it shares B's): more room for them keeps
    // the maps about equally large (the scale is a larger share of a narrower column).
    if (columns == 3) {
        m_grid->setColumnStretch(0, 4);
        m_grid->setColumnStretch(1, 5);
        m_grid->setColumnStretch(2, 5);
    } else if (columns == 2) {
        m_grid->setColumnStretch(0, 5);
        m_grid->setColumnStretch(1, 6);
    }
}

QString ComparePanel::headingA() const
{
    return m_labelA->text();
}

QString ComparePanel::headingB() const
{
    return m_labelB->text();
}

void ComparePanel::setCompareScheme(const QString& name)
{
    const int index = m_schemeB->findData(name);
    if (index >= 0) m_schemeB->setCurrentIndex(index);
}

void ComparePanel::setShift(int shift)
{
    m_shift->setValue(shift);
}

void ComparePanel::setShows(CompareShows shows)
{
    m_shows->setCurrentIndex(m_shows->findData(static_cast<int>(shows)));
}

CompareShows ComparePanel::shows() const
{
    return static_cast<CompareShows>(m_shows->currentData().toInt());
}

void ComparePanel::showRequest(const LabRequest& r)
{
    const QSignalBlocker b1(m_schemeB), b2(m_shift);
    m_schemeB->setCurrentIndex(m_schemeB->findData(QString::fromStdString(r.compareScheme)));
    m_shift->setValue(r.shift);
}

void ComparePanel::rebuild()
{
    const CompareRun* c = m_result.compare.get();
    if (!m_result.hasData() || !c) {
        const bool unavailable = m_result.isPooled() || !m_result.notice.empty();
        if (!unavailable) {
            m_labelA->setText(tr("Compare mode computes when this view is shown."));
            return;
        }
        // Said once, across the three maps.
        widgets::HeatmapData message;
        message.title = unavailableText(m_result, tr("Compare mode"));
        m_a->setData(message);
        message.title = QStringLiteral(" ");
        m_b->setData(message);
        m_diff->setData(message);
        for (QLabel* label : {m_labelA, m_labelB, m_labelDiff})
            label->clear();
        return;
    }
    const QString matrix = m_matrix->currentData().toString();
    const int head = std::min(m_state->head(), static_cast<int>(c->a.attention->heads.size()) - 1);
    const bool causal = m_result.request.model.causal;
    const int shift = m_result.request.shift;
    m_changeA = c->shiftChangeA(matrix.toStdString(), causal);
    m_changeB = c->shiftChangeB(matrix.toStdString(), causal);
    if (shows() != CompareShows::Schemes) {
        const bool a = shows() == CompareShows::ShiftA;
        showShiftTest(a ? c->a : c->b, a ? c->aShifted : c->bShifted, a ? m_changeA : m_changeB);
        return;
    }

    auto title = [&](const SchemeRun& run) {
        return tr("%1, head %2, s = %3")
            .arg(QString::fromStdString(run.scheme->info().name))
            .arg(head)
            .arg(shift);
    };
    HeatmapOptions options;
    options.pooling = m_state->pooling();
    options.capacity = m_a->cellCapacity();
    options.title = title(c->aShifted);
    m_a->setSequentialMap(m_state->colorMap());
    m_b->setSequentialMap(m_state->colorMap());
    m_a->setData(heatmapFor(m_result, c->aShifted, head, matrix, options));
    options.title = title(c->bShifted);
    m_b->setData(heatmapFor(m_result, c->bShifted, head, matrix, options));
    // One colour scale for the two schemes, so that equal colours mean equal values.
    const widgets::AxisSpan shared = widgets::sharedColorRange({m_a->data(), m_b->data()});
    m_a->setFixedColorRange(shared);
    m_a->setColorScaleVisible(false); // B's scale is A's too
    m_b->setFixedColorRange(shared);
    m_diff->setFixedColorRange({1.0, 0.0}); // its own range
    const Eigen::MatrixXd diff =
        difference(fullMatrix(c->aShifted, head, matrix), fullMatrix(c->bShifted, head, matrix), causal);
    options.title = tr("%1 \u2212 %2")
                        .arg(QString::fromStdString(c->a.scheme->info().name),
                             QString::fromStdString(c->b.scheme->info().name));
    widgets::HeatmapData d = heatmapOf(diff, QStringLiteral("difference"), m_result, options);
    d.valueLabel = tr("%1 difference").arg(matrix);
    m_diff->setData(std::move(d));

    const auto kind = [](const SchemeRun& run) {
        return figure::schemeKindIn(figure::language(), schemeKindLabel(*run.scheme));
    };
    m_labelA->setText(QStringLiteral("<b>%1</b> (%2)<br>%3")
                          .arg(figure::schemeTitleIn(figure::language(), c->a.scheme->info().title), kind(c->a),
                               changeText(m_changeA, shift)));
    m_labelB->setText(QStringLiteral("<b>%1</b> (%2)<br>%3")
                          .arg(figure::schemeTitleIn(figure::language(), c->b.scheme->info().title), kind(c->b),
                               changeText(m_changeB, shift)));
    m_labelDiff->setText(tr("<b>difference</b><br>max |A \u2212 B| = <b>%1</b>")
                             .arg(maxAbsDifference(fullMatrix(c->aShifted, head, matrix),
                                                   fullMatrix(c->bShifted, head, matrix), causal),
                                  0, 'g', 3));
}

// One scheme's shift test: the same tokens at positions start.. and start + s.., side by side on one
// colour scale, and M(s) − M(0) on a scale as wide as the maps' own values, so that a relative
// scheme's rounding-level change stays white instead of being stretched to full colour.
void ComparePanel::showShiftTest(const SchemeRun& base, const SchemeRun& shifted, double allHeads)
{
    const QString matrix = m_matrix->currentData().toString();
    const int head = std::min(m_state->head(), static_cast<int>(base.attention->heads.size()) - 1);
    const bool causal = m_result.request.model.causal;
    const int n = m_result.n, start = m_result.request.start, shift = m_result.request.shift;
    const QString name = QString::fromStdString(base.scheme->info().name);
    const auto positions = [n](int first) {
        return QStringLiteral("%1\u2013%2").arg(first).arg(first + n - 1);
    };
    HeatmapOptions options;
    options.pooling = m_state->pooling();
    options.capacity = m_a->cellCapacity();
    options.title = tr("%1, head %2: M(0), positions %3").arg(name).arg(head).arg(positions(start));
    m_a->setSequentialMap(m_state->colorMap());
    m_b->setSequentialMap(m_state->colorMap());
    m_a->setData(heatmapFor(m_result, base, head, matrix, options));
    options.title = tr("%1, head %2: M(s), positions %3").arg(name).arg(head).arg(positions(start + shift));
    m_b->setData(heatmapFor(m_result, shifted, head, matrix, options));
    const widgets::AxisSpan shared = widgets::sharedColorRange({m_a->data(), m_b->data()});
    m_a->setFixedColorRange(shared);
    m_a->setColorScaleVisible(false); // M(s)'s scale is M(0)'s too
    m_b->setFixedColorRange(shared);

    const Eigen::MatrixXd before = fullMatrix(base, head, matrix), after = fullMatrix(shifted, head, matrix);
    options.title = tr("M(s) \u2212 M(0), on the maps' scale");
    widgets::HeatmapData d =
        heatmapOf(difference(after, before, causal), QStringLiteral("difference"), m_result, options);
    d.valueLabel = tr("%1: M(s) \u2212 M(0)").arg(matrix);
    m_diff->setData(std::move(d));
    const double reach = std::max(std::abs(shared.lower), std::abs(shared.upper));
    m_diff->setFixedColorRange({-reach, reach});

    const QString kind = figure::schemeKindIn(figure::language(), schemeKindLabel(*base.scheme));
    m_labelA->setText(tr("<b>M(0)</b>: %1 (%2)<br>the tokens at positions %3")
                          .arg(figure::schemeTitleIn(figure::language(), base.scheme->info().title), kind, positions(start)));
    m_labelB->setText(tr("<b>M(s)</b>: the same tokens and weights<br>at positions %1 (s = %2)")
                          .arg(positions(start + shift))
                          .arg(shift));
    m_labelDiff->setText(tr("<b>M(s) \u2212 M(0)</b><br>max |\u00b7| = <b>%1</b> (head %2), %3 (every head)")
                             .arg(maxAbsDifference(after, before, causal), 0, 'g', 3)
                             .arg(head)
                             .arg(allHeads, 0, 'g', 3));
}

} // namespace poslab::gui
