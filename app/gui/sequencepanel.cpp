#include "sequencepanel.h"

#include "driver.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace poslab::gui {

namespace {
constexpr int kMaxChips = 400; // beyond this the chips say how many more there are
}

SequencePanel::SequencePanel(Driver* driver, QWidget* parent)
    : QWidget(parent), m_driver(driver), m_text(new QPlainTextEdit(this)), m_tokenizer(new QComboBox(this)),
      m_positionsOnly(new QCheckBox(this)), m_countLabel(new QLabel(this)), m_chips(new QLabel(this)),
      m_tokenizerLabel(new QLabel(this)), m_textLabel(new QLabel(this))
{
    m_text->setTabChangesFocus(true);
    m_text->setFixedHeight(m_text->fontMetrics().lineSpacing() * 4 + 12);
    // The mode's code in the item's data, its name in the interface's language as the text.
    for (auto mode : {TokenizerMode::Word, TokenizerMode::Char})
        m_tokenizer->addItem(QString(), static_cast<int>(mode));

    m_chips->setObjectName(QStringLiteral("tokenChips")); // the tokens: content, not interface words
    m_chips->setWordWrap(true);
    m_chips->setTextFormat(Qt::RichText);
    m_chips->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_chips->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_chips);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::StyledPanel);
    scroll->setMinimumHeight(60);

    auto* row = new QHBoxLayout;
    m_tokenizerLabel->setBuddy(m_tokenizer);
    row->addWidget(m_tokenizerLabel);
    row->addWidget(m_tokenizer);
    row->addStretch(1);
    row->addWidget(m_countLabel);

    auto* layout = new QVBoxLayout(this);
    m_textLabel->setBuddy(m_text);
    layout->addWidget(m_textLabel);
    layout->addWidget(m_text);
    layout->addLayout(row);
    layout->addWidget(m_positionsOnly);
    layout->addWidget(scroll, 1);

    connect(m_text, &QPlainTextEdit::textChanged, this, [this] {
        const std::string text = m_text->toPlainText().toStdString();
        if (text != m_driver->lastRequest().text || m_driver->lastRequest().positions > 0)
            m_driver->update([&](LabRequest& r) {
                r.text = text;
                r.positions = 0; // typed text replaces bare positions
            });
    });
    connect(m_tokenizer, &QComboBox::currentIndexChanged, this, [this] {
        const auto mode = static_cast<TokenizerMode>(m_tokenizer->currentData().toInt());
        m_driver->update([mode](LabRequest& r) { r.tokenizer = mode; });
    });
    connect(m_positionsOnly, &QCheckBox::toggled, this,
            [this](bool on) { m_driver->update([on](LabRequest& r) { r.positionsOnly = on; }); });
    connect(driver, &Driver::requestChanged, this, &SequencePanel::showRequest);
    connect(driver, &Driver::tokensAvailable, this, &SequencePanel::showTokens);
    retranslate();
}

void SequencePanel::retranslate()
{
    m_positionsOnly->setText(tr("&Positions only (\u03bb = 0)"));
    m_positionsOnly->setToolTip(tr("Every token gets the same neutral content: only positions differ"));
    m_text->setToolTip(tr("The sequence attention runs on"));
    m_tokenizer->setItemText(0, tr("word"));
    m_tokenizer->setItemText(1, tr("char"));
    m_tokenizer->setToolTip(tr("word: runs of letters and digits, each punctuation mark and CJK character "
                               "alone; char: one token per character"));
    m_tokenizerLabel->setText(tr("&Tokenizer:"));
    m_textLabel->setText(tr("Se&quence:"));
    showPlaceholder();
    showTokens(std::vector<std::string>(m_labels));
}

void SequencePanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

void SequencePanel::showPlaceholder()
{
    m_text->setPlaceholderText(
        m_positions > 0 ? tr("%n bare position(s), no content: type to replace them", nullptr, m_positions)
                        : tr("Type or paste a sequence"));
    // QPlainTextEdit repaints only when its placeholder appears or goes: a new count while it stays
    // (200 positions, then 64) would keep the old text on screen.
    m_text->viewport()->update();
}

void SequencePanel::setText(const QString& text)
{
    m_text->setPlainText(text);
}

void SequencePanel::setTokenizer(TokenizerMode mode)
{
    m_tokenizer->setCurrentIndex(m_tokenizer->findData(static_cast<int>(mode)));
}

void SequencePanel::setPositionsOnly(bool on)
{
    m_positionsOnly->setChecked(on);
}

QString SequencePanel::chipsText() const
{
    return m_chipTexts.join(QStringLiteral(" \u00b7 "));
}

void SequencePanel::showRequest(const LabRequest& request)
{
    const QSignalBlocker b1(m_text), b2(m_tokenizer), b3(m_positionsOnly);
    const QString text = QString::fromStdString(request.text);
    if (m_text->toPlainText() != text) m_text->setPlainText(text);
    m_positions = request.positions;
    showPlaceholder();
    m_tokenizer->setCurrentIndex(m_tokenizer->findData(static_cast<int>(request.tokenizer)));
    // Bare positions have no content: λ = 0 holds whatever the box said, so it shows ticked and fixed
    // (as λ shows 0, greyed).
    m_positionsOnly->setChecked(request.positionsOnly || request.positions > 0);
    m_positionsOnly->setEnabled(request.positions == 0);
}

void SequencePanel::showTokens(const std::vector<std::string>& labels)
{
    m_labels = labels;
    m_count = static_cast<int>(labels.size());
    m_countLabel->setText(tr("%n token(s)", nullptr, m_count));
    m_chipTexts.clear();
    QString html;
    const int shown = std::min(m_count, kMaxChips);
    for (int k = 0; k < shown; ++k) {
        const QString token = QString::fromStdString(labels[std::size_t(k)]);
        // Bare positions are labelled by their number: shown once, as the chip's text.
        const bool bare = token == QString::number(k);
        m_chipTexts << (bare ? token : QStringLiteral("%1 %2").arg(k).arg(token));
        // A chip: the position small and grey, the token on a light background; spaces let it wrap.
        const QString position =
            bare ? QString() : QStringLiteral("<small style=\"color:#6b7b8c;\">%1</small>&nbsp;").arg(k);
        html += QStringLiteral("<span style=\"background-color:#e8eef7;\">&nbsp;%1%2&nbsp;</span> ")
                    .arg(position, token.toHtmlEscaped());
    }
    if (m_count > shown) html += tr("\u2026 and %n more", nullptr, m_count - shown);
    m_chips->setText(html);
}

} // namespace poslab::gui
