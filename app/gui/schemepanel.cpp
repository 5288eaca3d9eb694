#include "schemepanel.h"

#include "driver.h"
#include "explorerstate.h"

#include <language.h>

#include <lablimits.h>
#include <weights.h>

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileInfo>
#include <QLabel>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStylePainter>
#include <QVBoxLayout>

#include <climits>
#include <cmath>

namespace poslab::gui {

namespace {

// Real parameters span 1e-6 .. 1e12: shown in the shortest form instead of fixed decimals.
class RealSpinBox : public QDoubleSpinBox
{
  public:
    using QDoubleSpinBox::QDoubleSpinBox;
    QString textFromValue(double value) const override { return QString::number(value, 'g', 10); }
    double valueFromText(const QString& text) const override { return text.toDouble(); }
    QValidator::State validate(QString& text, int&) const override
    {
        bool ok = false;
        text.toDouble(&ok);
        return ok ? QValidator::Acceptable : QValidator::Intermediate;
    }
};

// Long titles ("The seed article's Δ-embedding (Linear(Δ) + Bias)") end in an ellipsis instead of being
// cut mid-word; the popup is wide enough for the whole titles, and the tooltip has them too.
class ElidingComboBox : public QComboBox
{
  public:
    using QComboBox::QComboBox;

  protected:
    void paintEvent(QPaintEvent*) override
    {
        QStylePainter painter(this);
        QStyleOptionComboBox option;
        initStyleOption(&option);
        painter.drawComplexControl(QStyle::CC_ComboBox, option);
        const QRect field =
            style()->subControlRect(QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, this);
        option.currentText = fontMetrics().elidedText(option.currentText, Qt::ElideRight, field.width() - 4);
        painter.drawControl(QStyle::CE_ComboBoxLabel, option);
    }
    void showPopup() override
    {
        view()->setMinimumWidth(view()->sizeHintForColumn(0) + 2 * view()->frameWidth() + 8);
        QComboBox::showPopup();
    }
};

QString esc(const std::string& s)
{
    return QString::fromStdString(s).toHtmlEscaped();
}

int toInt(double v)
{
    return static_cast<int>(std::clamp(v, double(INT_MIN), double(INT_MAX)));
}

} // namespace

QString schemeToolTip(const SchemeInfo& info, const std::string& kind)
{
    QString tip = QStringLiteral("<p><b>%1</b> (%2)</p>")
                      .arg(figure::schemeTitleIn(figure::language(), info.title).toHtmlEscaped(),
                           figure::schemeKindIn(figure::language(), kind.empty() ? schemeKindName(info.kind) : kind)
                               .toHtmlEscaped());
    if (!info.formula.empty()) tip += QStringLiteral("<p>%1</p>").arg(esc(info.formula));
    if (!info.paper.empty()) tip += QStringLiteral("<p><i>%1</i></p>").arg(esc(info.paper));
    if (!info.notes.empty())
        tip += QStringLiteral("<p>%1</p>")
                   .arg(figure::schemeNotesIn(figure::language(), info.notes).toHtmlEscaped());
    return tip;
}

SchemePanel::SchemePanel(Driver* driver, ExplorerState* state, QWidget* parent)
    : QWidget(parent), m_driver(driver), m_state(state), m_scheme(new ElidingComboBox(this)),
      m_dModel(new QSpinBox(this)), m_heads(new QSpinBox(this)), m_head(new QSpinBox(this)),
      m_mode(new QComboBox(this)), m_seed(new QSpinBox(this)), m_lambda(new QDoubleSpinBox(this)),
      m_temperature(new RealSpinBox(this)), m_weights(new QLabel(this))
{
    for (const auto& name : schemeNames())
        m_scheme->addItem(QString(), QString::fromStdString(name)); // titled by retranslate()
    // Wide enough for most titles; the dock never gets narrower than this (the longest ones elide,
    // the tooltip has them whole).
    m_scheme->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_scheme->setMinimumContentsLength(26);

    m_dModel->setRange(1, kMaxDModel);
    m_heads->setRange(1, kMaxHeads);
    m_head->setRange(0, kMaxHeads - 1);
    m_mode->addItem(QString(), false);
    m_mode->addItem(QString(), true);
    m_seed->setRange(0, INT_MAX);
    m_lambda->setRange(0.0, 1.0);
    m_lambda->setSingleStep(0.05);
    m_lambda->setDecimals(3);

    m_temperature->setRange(1e-3, kMaxTemperature);
    m_temperature->setDecimals(10);
    m_temperature->setSingleStep(0.1);

    // Each row's label is named by retranslate() (an empty text would make QFormLayout leave it out).
    const auto addRow = [this](QFormLayout* form, QWidget* field) {
        auto* label = new QLabel(this);
        label->setBuddy(field);
        form->addRow(label, field);
    };
    m_schemeBox = new QGroupBox(this);
    m_paramForm = new QFormLayout(m_schemeBox);
    // A long parameter name (rope's original_max_position) puts its field on the next line when the
    // dock is narrow, instead of making the form, and so the dock, wider than the window allows.
    m_paramForm->setRowWrapPolicy(QFormLayout::WrapLongRows);
    addRow(m_paramForm, m_scheme);
    m_modelBox = new QGroupBox(this);
    m_modelForm = new QFormLayout(m_modelBox);
    for (QWidget* field : std::initializer_list<QWidget*>{m_dModel, m_heads, m_head, m_mode, m_seed, m_lambda,
                                                          m_temperature, m_weights})
        addRow(m_modelForm, field);
    m_weights->setWordWrap(true);
    m_weights->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_schemeBox);
    layout->addWidget(m_modelBox);
    layout->addStretch(1);

    connect(m_scheme, &QComboBox::currentIndexChanged, this, [this] {
        const std::string name = m_scheme->currentData().toString().toStdString();
        m_scheme->setToolTip(m_scheme->currentData(Qt::ToolTipRole).toString());
        m_driver->update([&](LabRequest& r) {
            r.scheme = name;
            r.params.clear(); // another scheme's keys would be rejected
        });
    });
    auto model = [this](auto edit) { m_driver->update([&](LabRequest& r) { edit(r.model); }); };
    connect(m_dModel, &QSpinBox::valueChanged, this,
            [model](int v) { model([v](ModelConfig& m) { m.dModel = v; }); });
    connect(m_heads, &QSpinBox::valueChanged, this,
            [model](int v) { model([v](ModelConfig& m) { m.heads = v; }); });
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this, model] {
        const bool causal = m_mode->currentData().toBool();
        model([causal](ModelConfig& m) { m.causal = causal; });
    });
    connect(m_seed, &QSpinBox::valueChanged, this,
            [model](int v) { model([v](ModelConfig& m) { m.seed = static_cast<std::uint64_t>(v); }); });
    connect(m_lambda, &QDoubleSpinBox::valueChanged, this,
            [model](double v) { model([v](ModelConfig& m) { m.lambda = v; }); });
    connect(m_temperature, &QDoubleSpinBox::valueChanged, this,
            [model](double v) { model([v](ModelConfig& m) { m.temperature = v; }); });
    connect(m_head, &QSpinBox::valueChanged, state, &ExplorerState::setHead);
    connect(state, &ExplorerState::headChanged, m_head, &QSpinBox::setValue);
    connect(driver, &Driver::requestChanged, this, &SchemePanel::showRequest);
    // The kind of the instance computed: seed-linear with an absolute PE is "absolute + relative".
    connect(driver, &Driver::resultAvailable, this, [this](const LabResult& result) {
        if (!result.run.scheme || result.request.scheme != m_scheme->currentData().toString().toStdString())
            return;
        m_scheme->setToolTip(schemeToolTip(result.run.scheme->info(), schemeKindLabel(*result.run.scheme)));
        if (const auto& loaded = result.run.scheme->model().loaded) {
            QString tip = QString::fromStdString(loaded->spec.path).toHtmlEscaped();
            for (const TensorPrint& p : loaded->prints())
                tip += QStringLiteral("<br>%1 = %2<br><small>SHA-256 %3</small>")
                           .arg(QString::fromStdString(p.role), QString::fromStdString(p.tensor).toHtmlEscaped(),
                                QString::fromStdString(p.sha256));
            m_weights->setToolTip(tip);
            QStringList names;
            for (const TensorPrint& p : loaded->prints())
                names << QString::fromStdString(p.tensor);
            // Long dotted names may wrap after each dot (a zero-width space there) instead of widening the dock.
            QString text = QStringLiteral("%1 (%2)").arg(QFileInfo(QString::fromStdString(loaded->spec.path)).fileName(),
                                                         names.join(u", "));
            m_weights->setText(text.replace(u'.', QStringLiteral(".\u200b")));
        }
    });
    retranslate();
}

// The form's words in the current language; the scheme titles and parameter notes are core's
// (trCore), read again.
void SchemePanel::retranslate()
{
    for (int k = 0; k < m_scheme->count(); ++k) {
        const SchemeInfo& info = describeScheme(m_scheme->itemData(k).toString().toStdString());
        m_scheme->setItemText(k, figure::schemeTitleIn(figure::language(), info.title));
        m_scheme->setItemData(k, schemeToolTip(info), Qt::ToolTipRole);
    }
    m_scheme->setToolTip(m_scheme->currentData(Qt::ToolTipRole).toString());
    m_dModel->setToolTip(tr("Model width; must be divisible by the number of heads"));
    m_heads->setToolTip(tr("Number of attention heads"));
    m_head->setToolTip(tr("The head the heatmap and \u0394-curve show (Ctrl+[ / Ctrl+])"));
    m_mode->setItemText(0, tr("encoder (bidirectional)"));
    m_mode->setItemText(1, tr("decoder (causal)"));
    m_mode->setToolTip(tr("Decoder: query i sees only keys j \u2264 i"));
    m_seed->setToolTip(tr("Seeds content vectors, projections and random tables"));
    m_temperature->setToolTip(tr("Logits are divided by it before the softmax"));
    m_schemeBox->setTitle(tr("Scheme"));
    m_modelBox->setTitle(tr("Model"));
    const auto label = [](QFormLayout* form, QWidget* field, const QString& text) {
        if (auto* l = qobject_cast<QLabel*>(form->labelForField(field))) l->setText(text);
    };
    label(m_paramForm, m_scheme, tr("&Scheme:"));
    label(m_modelForm, m_dModel, tr("d_mode&l:"));
    label(m_modelForm, m_heads, tr("H&eads:"));
    label(m_modelForm, m_head, tr("Head &shown:"));
    label(m_modelForm, m_mode, tr("&Mask:"));
    label(m_modelForm, m_seed, tr("See&d:"));
    label(m_modelForm, m_lambda, tr("\u03bb (&content):"));
    label(m_modelForm, m_temperature, tr("&Temperature:"));
    label(m_modelForm, m_weights, tr("Weights:"));
    try {
        const SchemeInfo& info = describeScheme(m_formScheme);
        for (const ParamSpec& spec : info.params)
            if (QWidget* field = paramField(QString::fromStdString(spec.name))) {
                field->setToolTip(paramToolTip(spec));
                if (auto* edit = qobject_cast<QLineEdit*>(field)) edit->setPlaceholderText(tr("comma-separated"));
            }
    } catch (const std::exception&) {
        // no form yet
    }
    if (m_driver->generation() != 0) showRequest(m_driver->lastRequest());
}

void SchemePanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

QString SchemePanel::paramToolTip(const ParamSpec& spec)
{
    QString tip = QStringLiteral("<b>%1</b> (%2): %3")
                      .arg(esc(spec.name), esc(paramTypeName(spec.type)),
                           figure::paramDocIn(figure::language(), spec.doc).toHtmlEscaped());
    if (spec.type == ParamType::Int || spec.type == ParamType::Real || spec.type == ParamType::RealList)
        tip += tr("<br>range %1 \u2026 %2, default %3")
                   .arg(QString::number(spec.min, 'g', 10), QString::number(spec.max, 'g', 10),
                        esc(spec.defaultValue));
    return tip;
}

void SchemePanel::setScheme(const QString& name)
{
    const int index = m_scheme->findData(name);
    if (index >= 0) m_scheme->setCurrentIndex(index);
}

QWidget* SchemePanel::paramField(const QString& name) const
{
    for (const auto& [key, field] : m_paramFields)
        if (key == name) return field;
    return nullptr;
}

void SchemePanel::setParam(const std::string& name, const std::string& value)
{
    m_driver->update([&](LabRequest& r) { r.params[name] = value; });
}

void SchemePanel::buildParamForm(const std::string& scheme, const RawParams& values)
{
    for (const auto& field : m_paramFields)
        m_paramForm->removeRow(field.second);
    m_paramFields.clear();
    m_formScheme = scheme;
    const SchemeInfo* info = nullptr;
    try {
        info = &describeScheme(scheme);
    } catch (const std::exception&) {
        return;
    }
    for (const ParamSpec& spec : info->params) {
        const auto found = values.find(spec.name);
        const QString value =
            QString::fromStdString(found != values.end() ? found->second : spec.defaultValue);
        const std::string name = spec.name;
        QWidget* field = nullptr;
        switch (spec.type) {
        case ParamType::Int: {
            auto* box = new QSpinBox(this);
            box->setRange(toInt(spec.min), toInt(spec.max));
            box->setValue(value.toInt());
            connect(box, &QSpinBox::valueChanged, this,
                    [this, name](int v) { setParam(name, std::to_string(v)); });
            field = box;
            break;
        }
        case ParamType::Real: {
            auto* box = new RealSpinBox(this);
            box->setDecimals(10);
            box->setRange(spec.min, spec.max);
            box->setValue(value.toDouble());
            connect(box, &QDoubleSpinBox::valueChanged, this,
                    [this, name](double v) { setParam(name, formatReal(v)); });
            field = box;
            break;
        }
        case ParamType::Bool: {
            auto* box = new QCheckBox(this);
            box->setChecked(value == QLatin1String("true") || value == QLatin1String("1"));
            connect(box, &QCheckBox::toggled, this,
                    [this, name](bool on) { setParam(name, on ? "true" : "false"); });
            field = box;
            break;
        }
        case ParamType::RealList: {
            // comma-separated numbers, checked by core when applied
            auto* edit = new QLineEdit(value, this);
            edit->setPlaceholderText(tr("comma-separated"));
            connect(edit, &QLineEdit::editingFinished, this,
                    [this, name, edit] { setParam(name, edit->text().toStdString()); });
            field = edit;
            break;
        }
        case ParamType::Choice: {
            auto* box = new QComboBox(this);
            for (const auto& choice : spec.choices)
                box->addItem(QString::fromStdString(choice));
            box->setCurrentText(value);
            connect(box, &QComboBox::currentTextChanged, this,
                    [this, name](const QString& text) { setParam(name, text.toStdString()); });
            field = box;
            break;
        }
        }
        field->setToolTip(paramToolTip(spec));
        m_paramForm->addRow(QString::fromStdString(spec.name) + QLatin1Char(':'), field);
        m_paramFields.emplace_back(QString::fromStdString(spec.name), field);
    }
}

void SchemePanel::showRequest(const LabRequest& r)
{
    const QSignalBlocker b1(m_scheme), b2(m_dModel), b3(m_heads), b4(m_mode), b5(m_seed), b6(m_lambda),
        b7(m_temperature);
    const int index = m_scheme->findData(QString::fromStdString(r.scheme));
    if (index >= 0) m_scheme->setCurrentIndex(index);
    m_scheme->setToolTip(m_scheme->currentData(Qt::ToolTipRole).toString());
    if (r.scheme != m_formScheme) buildParamForm(r.scheme, r.params);
    m_dModel->setValue(r.model.dModel);
    m_heads->setValue(r.model.heads);
    m_head->setMaximum(std::max(0, r.model.heads - 1));
    m_mode->setCurrentIndex(r.model.causal ? 1 : 0);
    m_seed->setValue(static_cast<int>(std::min<std::uint64_t>(r.model.seed, INT_MAX)));
    // Shown as core runs it: without content (bare positions, positions only) λ is 0 in effect, and
    // the control says why it is off; the value typed before comes back with the content.
    m_lambda->setValue(r.effectiveModel().lambda);
    m_lambda->setEnabled(r.lambdaApplies());
    m_lambda->setToolTip(
        r.lambdaApplies() ? tr("Content weight: e_i = \u03bb·c(token_i) + (1 \u2212 \u03bb)\u00b7u")
        : r.positions > 0
            ? tr("Does not apply to bare positions: every token gets the same neutral content u (in effect "
                 "\u03bb = 0). Type a text to give tokens content.")
            : tr("\u03bb = 0 while \u201cPositions only\u201d is ticked (Sequence panel)"));
    m_temperature->setValue(r.model.temperature);
    if (r.weights.seeded()) {
        m_weights->setText(tr("seeded toy model"));
        m_weights->setToolTip(tr("Every table is drawn from the seed (File › Open Model… reads a checkpoint's)"));
    } else {
        const QString path = QString::fromStdString(r.weights.path);
        m_weights->setText(QFileInfo(path).fileName().replace(u'.', QStringLiteral(".\u200b")));
        m_weights->setToolTip(path);
    }
}

} // namespace poslab::gui
