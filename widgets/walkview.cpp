#include "walkview.h"

#include "walkformat.h"

#include <QBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTextBrowser>
#include <QToolTip>

#include <algorithm>

namespace poslab::widgets {

namespace {

const QColor kFlaggedText(0xb3, 0x45, 0x00); // dark orange: readable on light and dark list backgrounds

QLabel* wrappedLabel(QWidget* parent, double scale, bool bold)
{
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * scale);
    font.setBold(bold);
    label->setFont(font);
    return label;
}

} // namespace

WalkView::WalkView(QWidget* parent) : QWidget(parent)
{
    m_walkTitle = wrappedLabel(this, 1.0, true);
    m_walkTitle->setObjectName(QStringLiteral("walkTitle"));
    m_previous = new QPushButton(this);
    m_previous->setObjectName(QStringLiteral("walkPrevious"));
    m_next = new QPushButton(this);
    m_next->setObjectName(QStringLiteral("walkNext"));
    m_position = new QLabel(this);
    m_position->setAlignment(Qt::AlignCenter);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("walkSteps"));
    m_list->setMinimumWidth(170);
    m_list->setWordWrap(true);
    m_list->setSpacing(1);

    auto* stepPane = new QWidget(this);
    m_stepTitle = wrappedLabel(stepPane, 1.3, true);
    m_stepTitle->setObjectName(QStringLiteral("walkStepTitle"));
    m_body = new QTextBrowser(stepPane);
    m_body->setObjectName(QStringLiteral("walkBody"));
    m_body->setOpenLinks(false); // the only links are the "… 64 values" tooltips
    m_body->viewport()->installEventFilter(this);
    auto* stepLayout = new QVBoxLayout(stepPane);
    stepLayout->setContentsMargins(0, 0, 0, 0);
    stepLayout->addWidget(m_stepTitle);
    stepLayout->addWidget(m_body, 1);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_list);
    m_splitter->addWidget(stepPane);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 3);

    auto* nav = new QHBoxLayout;
    nav->addWidget(m_previous);
    nav->addWidget(m_position, 1);
    nav->addWidget(m_next);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_walkTitle);
    layout->addLayout(nav);
    layout->addWidget(m_splitter, 1);

    connect(m_previous, &QPushButton::clicked, this, &WalkView::previousStep);
    connect(m_next, &QPushButton::clicked, this, &WalkView::nextStep);
    connect(m_list, &QListWidget::currentRowChanged, this, &WalkView::setStep);
    using Move = void (WalkView::*)();
    for (const auto& [key, move] : {std::pair<Qt::Key, Move>{Qt::Key_Right, &WalkView::nextStep},
                                    std::pair<Qt::Key, Move>{Qt::Key_PageDown, &WalkView::nextStep},
                                    std::pair<Qt::Key, Move>{Qt::Key_Left, &WalkView::previousStep},
                                    std::pair<Qt::Key, Move>{Qt::Key_PageUp, &WalkView::previousStep},
                                    std::pair<Qt::Key, Move>{Qt::Key_Home, &WalkView::firstStep},
                                    std::pair<Qt::Key, Move>{Qt::Key_End, &WalkView::lastStep}}) {
        auto* shortcut = new QShortcut(QKeySequence(key), this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, move);
        m_keys << shortcut;
    }
    setFocusPolicy(Qt::StrongFocus);
    retranslate();
}

// Its own words; the walk's words come from core, in the language it was computed in.
void WalkView::retranslate()
{
    m_previous->setText(tr("◀ Previous"));
    m_previous->setToolTip(tr("Previous step (Left, Page Up)"));
    m_next->setText(tr("Next ▶"));
    m_next->setToolTip(tr("Next step (Right, Page Down)"));
    rebuildList();
    showStep();
}

void WalkView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) retranslate();
}

void WalkView::setKeysEnabled(bool on)
{
    for (QShortcut* key : m_keys)
        key->setEnabled(on);
}

void WalkView::setOrientation(Qt::Orientation orientation)
{
    m_splitter->setOrientation(orientation);
}

void WalkView::setWalk(const Walk& walk)
{
    // The same walk for another cell has the same steps; another scheme's walk may merely have as many.
    const auto sameTitles = [](const Step& a, const Step& b) { return a.title == b.title; };
    const bool keep = m_current >= 0 && std::equal(walk.steps.begin(), walk.steps.end(), m_walk.steps.begin(),
                                                   m_walk.steps.end(), sameTitles);
    m_walk = walk;
    if (!keep) m_current = m_walk.steps.empty() ? -1 : 0;
    rebuildList();
    showStep();
}

void WalkView::setStep(int index)
{
    if (m_walk.steps.empty()) return;
    index = std::clamp(index, 0, stepCount() - 1);
    if (index == m_current) return;
    m_current = index;
    showStep();
}

void WalkView::rebuildList()
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (int k = 0; k < stepCount(); ++k) {
        const Step& step = m_walk.steps[k];
        auto* item = new QListWidgetItem(stepListLabel(step, k), m_list);
        item->setData(Qt::UserRole, step.flagged);
        if (step.flagged) {
            item->setForeground(kFlaggedText);
            item->setToolTip(tr("Does not add up: %1").arg(QString::fromStdString(step.correction)));
        }
    }
}

void WalkView::showStep()
{
    const bool empty = m_current < 0;
    m_walkTitle->setText(empty ? QString() : QString::fromStdString(m_walk.title));
    m_walkTitle->setVisible(!empty);
    m_previous->setEnabled(m_current > 0);
    m_next->setEnabled(!empty && m_current + 1 < stepCount());
    {
        const QSignalBlocker blocker(m_list);
        m_list->setCurrentRow(m_current);
        // The current step in sight: keys can step past the rows shown.
        if (QListWidgetItem* item = m_list->item(m_current)) m_list->scrollToItem(item);
    }
    if (empty) {
        m_position->clear();
        m_stepTitle->setText(tr("No worked example"));
        m_body->setHtml(QStringLiteral("<p>%1</p>")
                            .arg(tr("Select a cell to walk from the tokens to its attention weight.").toHtmlEscaped()));
        emit stepChanged(-1);
        emit cellsHighlighted({});
        emit deltasHighlighted({});
        return;
    }
    const Step& step = m_walk.steps[m_current];
    m_position->setText(tr("Step %1 of %2").arg(m_current + 1).arg(stepCount()));
    m_stepTitle->setText(QString::fromStdString(step.title));
    m_body->setHtml(stepHtml(step));
    emit stepChanged(m_current);
    emit cellsHighlighted(stepCells(step));
    emit deltasHighlighted(stepDeltas(step));
}

// Hovering a truncated quantity's "… 64 values" link shows every value.
bool WalkView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_body->viewport() && event->type() == QEvent::ToolTip && m_current >= 0) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString anchor = m_body->anchorAt(help->pos());
        const QString prefix = QStringLiteral("quantity:");
        if (anchor.startsWith(prefix))
            QToolTip::showText(help->globalPos(),
                               quantityToolTip(m_walk.steps[m_current], anchor.mid(prefix.size()).toInt()),
                               m_body->viewport());
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace poslab::widgets
