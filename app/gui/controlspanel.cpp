#include "controlspanel.h"

#include <scheme.h>

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>

namespace poslab::gui {

namespace {

const What kWhats[] = {What::Probs, What::Logits, What::Bias, What::Delta, What::Bucket};

QString schemeTip(const SchemeInfo& info)
{
    QStringList lines{QStringLiteral("<b>%1</b>").arg(QString::fromStdString(info.title).toHtmlEscaped())};
    if (!info.formula.empty()) lines << QString::fromStdString(info.formula).toHtmlEscaped();
    if (!info.paper.empty())
        lines << QStringLiteral("<i>%1</i>").arg(QString::fromStdString(info.paper).toHtmlEscaped());
    return lines.join(QStringLiteral("<br>"));
}

} // namespace

ControlsPanel::ControlsPanel(QWidget* parent)
    : QWidget(parent), m_text(new QLineEdit(this)), m_tokenizer(new QComboBox(this)),
      m_scheme(new QComboBox(this)), m_what(new QComboBox(this)), m_head(new QSpinBox(this)),
      m_causal(new QCheckBox(tr("&Causal"), this))
{
    m_text->setPlaceholderText(tr("Type a sequence"));
    m_text->setClearButtonEnabled(true);
    m_text->setToolTip(tr("The sequence attention runs on"));
    for (auto mode : {TokenizerMode::Word, TokenizerMode::Char})
        m_tokenizer->addItem(QString::fromStdString(tokenizerModeName(mode)), static_cast<int>(mode));
    m_tokenizer->setToolTip(tr("How the text is split into tokens"));
    fillSchemes();
    m_scheme->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_scheme->setMinimumContentsLength(14); // long titles must not widen the window
    m_scheme->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    for (What what : kWhats)
        m_what->addItem(QString::fromStdString(whatName(what)), static_cast<int>(what));
    m_what->setToolTip(tr("Which matrix to show"));
    m_head->setRange(0, std::max(0, m_model.heads - 1));
    m_head->setToolTip(tr("Attention head"));
    m_causal->setToolTip(tr("Decoder mask: query i sees only keys j \u2264 i"));

    auto* row = new QHBoxLayout;
    auto addLabelled = [this, row](const QString& text, QWidget* field) {
        auto* label = new QLabel(text, this);
        label->setBuddy(field);
        row->addWidget(label);
        row->addWidget(field);
    };
    addLabelled(tr("&Tokens:"), m_tokenizer);
    addLabelled(tr("&Scheme:"), m_scheme);
    row->setStretchFactor(m_scheme, 1);
    addLabelled(tr("S&how:"), m_what);
    addLabelled(tr("H&ead:"), m_head);
    row->addWidget(m_causal);

    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Se&quence:"), m_text);
    form->addRow(row);

    connect(m_text, &QLineEdit::textChanged, this, &ControlsPanel::requestChanged);
    connect(m_tokenizer, &QComboBox::currentIndexChanged, this, &ControlsPanel::requestChanged);
    connect(m_scheme, &QComboBox::currentIndexChanged, this, [this] {
        updateSchemeTip();
        emit requestChanged();
    });
    connect(m_what, &QComboBox::currentIndexChanged, this, &ControlsPanel::requestChanged);
    connect(m_head, &QSpinBox::valueChanged, this, &ControlsPanel::requestChanged);
    connect(m_causal, &QCheckBox::toggled, this, &ControlsPanel::requestChanged);
}

void ControlsPanel::fillSchemes()
{
    for (const auto& name : schemeNames()) {
        const QString id = QString::fromStdString(name);
        try {
            const SchemeInfo& info = describeScheme(name);
            m_scheme->addItem(QStringLiteral("%1 (%2)").arg(QString::fromStdString(info.title), id), id);
            m_scheme->setItemData(m_scheme->count() - 1, schemeTip(info), Qt::ToolTipRole);
        } catch (const std::exception&) {
            m_scheme->addItem(id, id);
        }
    }
    updateSchemeTip();
}

void ControlsPanel::updateSchemeTip()
{
    m_scheme->setToolTip(m_scheme->currentData(Qt::ToolTipRole).toString());
}

LabRequest ControlsPanel::request() const
{
    LabRequest r;
    r.text = m_text->text().toStdString();
    r.tokenizer = static_cast<TokenizerMode>(m_tokenizer->currentData().toInt());
    r.scheme = m_scheme->currentData().toString().toStdString();
    r.params = m_params;
    r.model = m_model;
    r.model.causal = m_causal->isChecked();
    r.compute.what = static_cast<What>(m_what->currentData().toInt());
    r.compute.head = m_head->value();
    return r;
}

void ControlsPanel::setRequest(const LabRequest& request)
{
    {
        const QSignalBlocker blocker(this); // one requestChanged() for the whole request
        m_model = request.model;
        m_params = request.params;
        m_head->setRange(0, std::max(0, m_model.heads - 1));
        setText(QString::fromStdString(request.text));
        setTokenizer(request.tokenizer);
        setScheme(QString::fromStdString(request.scheme));
        setWhat(request.compute.what);
        setHead(request.compute.head);
        setCausal(request.model.causal);
    }
    emit requestChanged();
}

void ControlsPanel::setText(const QString& text)
{
    m_text->setText(text);
}

void ControlsPanel::setScheme(const QString& name)
{
    const int index = m_scheme->findData(name);
    if (index >= 0) m_scheme->setCurrentIndex(index);
}

void ControlsPanel::setWhat(What what)
{
    const int index = m_what->findData(static_cast<int>(what));
    if (index >= 0) m_what->setCurrentIndex(index);
}

void ControlsPanel::setHead(int head)
{
    m_head->setValue(head);
}
void ControlsPanel::setCausal(bool causal)
{
    m_causal->setChecked(causal);
}

void ControlsPanel::setTokenizer(TokenizerMode mode)
{
    m_tokenizer->setCurrentIndex(m_tokenizer->findData(static_cast<int>(mode)));
}

} // namespace poslab::gui
