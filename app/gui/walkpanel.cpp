#include "walkpanel.h"

#include "driver.h"
#include "explorerstate.h"
#include "retranslate.h"
#include "viewdata.h"
#include "walkview.h"

#include <explain.h>

#include <QAction>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <exception>
#include <tuple>

namespace poslab::gui {

WalkPanel::WalkPanel(Driver* driver, ExplorerState* state, QWidget* parent)
    : QWidget(parent), m_state(state), m_hint(new QLabel(this)), m_view(new widgets::WalkView(this))
{
    m_hint->setWordWrap(true);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hint->setStyleSheet(QStringLiteral("QLabel { color: #555555; }"));
    m_view->setOrientation(Qt::Vertical); // a tall dock: the step list above the step
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_hint);
    layout->addWidget(m_view, 1);

    connect(driver, &Driver::resultAvailable, this, [this](const LabResult& result) {
        m_result = result;
        rebuild();
    });
    connect(state, &ExplorerState::cellChanged, this, &WalkPanel::rebuild);
    connect(state, &ExplorerState::headChanged, this, &WalkPanel::rebuild);
    connect(state, &ExplorerState::walkChanged, this, &WalkPanel::rebuild);
    connect(m_view, &widgets::WalkView::cellsHighlighted, state, [this](const QList<QPoint>& cells) {
        if (isVisible()) m_state->setHighlightedCells(cells);
    });
    connect(m_view, &widgets::WalkView::deltasHighlighted, state, [this](const QList<int>& deltas) {
        if (isVisible()) m_state->setHighlightedDeltas(deltas);
    });
    using Move = void (widgets::WalkView::*)();
    const std::tuple<QList<QKeySequence>, Move> moves[] = {
        {{Qt::Key_Right, Qt::Key_PageDown}, &widgets::WalkView::nextStep},
        {{Qt::Key_Left, Qt::Key_PageUp}, &widgets::WalkView::previousStep},
        {{Qt::Key_Home}, &widgets::WalkView::firstStep},
        {{Qt::Key_End}, &widgets::WalkView::lastStep}};
    for (const auto& [keys, move] : moves) {
        auto* action = new QAction(this);
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::WindowShortcut);
        action->setEnabled(false);
        connect(action, &QAction::triggered, m_view, move);
        m_stepActions << action;
    }
    retranslateWith(this, [this] {
        const QString names[] = {tr("Next step"), tr("Previous step"), tr("First step"), tr("Last step")};
        for (int k = 0; k < m_stepActions.size(); ++k) {
            m_stepActions[k]->setText(names[k]);
            m_stepActions[k]->setStatusTip(tr("%1 of the worked example").arg(names[k]));
        }
        m_showsSeed = false; // the seed article's walk is core's text: made again
        rebuild();
    });
}

void WalkPanel::setKeysEverywhere(bool on)
{
    m_view->setKeysEnabled(!on);
    for (QAction* action : m_stepActions)
        action->setEnabled(on);
}

QString WalkPanel::hint() const
{
    return m_hint->text();
}

void WalkPanel::setHint(const QString& text)
{
    m_hint->setText(text);
    m_hint->setVisible(!text.isEmpty());
}

void WalkPanel::rebuild()
{
    if (m_state->walk() == QLatin1String("seed-article")) {
        if (!m_showsSeed) m_view->setWalk(seedArticleWalk());
        m_showsSeed = true;
        setHint(tr("The seed article's own example (§4.3), checked step by step: \u26a0 marks where it "
                   "does not add up. Click a heatmap cell for this model's walk."));
        return;
    }
    m_showsSeed = false;
    const int i = m_state->row(), j = m_state->col();
    if (const QString missing = missingText(m_result, QString(), tr("The worked example"));
        m_result.hasData() && !missing.isEmpty()) {
        m_view->setWalk({});
        setHint(missing);
        return;
    }
    if (!m_result.isValid() || i < 0 || j < 0) {
        m_view->setWalk({});
        setHint(tr("Click a heatmap cell (i, j) to see every step from the tokens to its attention weight "
                   "p<sub>ij</sub>, with the numbers the heatmap shows."));
        return;
    }
    const int heads = static_cast<int>(m_result.run.attention->heads.size());
    const int head = std::clamp(m_state->head(), 0, heads - 1);
    if (!m_result.canExplain(head)) { // the terms of this head are on their way
        setHint(unavailableText(m_result, tr("the worked example of head %1").arg(head)));
        return;
    }
    try {
        m_view->setWalk(explain(*m_result.run.scheme, *m_result.sequence, *m_result.run.attention,
                                *m_result.plan, head, i, j));
        setHint({});
    } catch (const std::exception& e) {
        m_view->setWalk({});
        setHint(QString::fromUtf8(e.what()));
    }
}

// A hidden walk highlights nothing; shown again, its current step highlights again.
void WalkPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    const int k = m_view->currentStep();
    if (k < 0) return;
    const Step& step = m_view->walk().steps[std::size_t(k)];
    QList<QPoint> cells;
    for (const auto& [i, j] : step.cells)
        cells << QPoint(j, i);
    m_state->setHighlightedCells(cells);
    m_state->setHighlightedDeltas(QList<int>(step.deltas.begin(), step.deltas.end()));
}

void WalkPanel::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_state->setHighlightedCells({});
    m_state->setHighlightedDeltas({});
}

} // namespace poslab::gui
