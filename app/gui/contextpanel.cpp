#include "contextpanel.h"

#include "contextview.h"
#include "driver.h"
#include "explorerstate.h"
#include "retranslate.h"

#include <contextextension.h>
#include <error.h>
#include <lablimits.h>
#include <scheme.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace poslab::gui {

namespace {

const char* const kScalings[] = {"none", "linear", "dynamic", "yarn", "longrope", "llama3"};

// "pairs 0–19 kept, 20–45 ramp, 46–63 interpolated": runs of one kind.
QString kindRuns(const std::vector<ContextPair>& pairs)
{
    QStringList runs;
    for (std::size_t a = 0; a < pairs.size();) {
        std::size_t b = a;
        while (b + 1 < pairs.size() && pairs[b + 1].kind == pairs[a].kind)
            ++b;
        const QString span = a == b ? QString::number(a) : QStringLiteral("%1\u2013%2").arg(a).arg(b);
        runs << span + u' ' + widgets::ContextView::kindName(static_cast<int>(pairs[a].kind));
        a = b + 1;
    }
    return QObject::tr("pairs ") + runs.join(QStringLiteral(", "));
}

QString percent(double p)
{
    return QStringLiteral("%1 %").arg(100 * p, 0, 'f', p < 0.1 ? 1 : 0);
}

} // namespace

widgets::ContextPlotData contextPlotFor(const LabRequest& request, int n)
{
    widgets::ContextPlotData d;
    if (request.scheme != "rope") {
        d.message = QObject::tr("The context-extension view is about RoPE: a rotary model trained at L0 and "
                                "run at a longer L. The scheme is %1.")
                        .arg(QString::fromStdString(request.scheme));
        return d;
    }
    if (n > kMaxContextShown) {
        d.message = QObject::tr("L = %1 is longer than this view draws (%2): poslab-cli compute --what "
                                "context-curves writes any length.")
                        .arg(n)
                        .arg(kMaxContextShown);
        return d;
    }
    try {
        const auto scheme = makeScheme(request.scheme, request.params, request.effectiveModel());
        const ContextExtension x = contextExtension(*scheme, n);
        d.originalMax = x.originalMax;
        d.length = x.length;
        const QString scaling = QString::fromStdString(ropeScalingName(x.scaling));
        d.title = x.scaling == RopeScaling::None
                      ? QObject::tr("rope without scaling: trained at L0 = %1, run at L = %2")
                            .arg(x.originalMax)
                            .arg(x.length)
                      : QObject::tr("rope, %1 \u00d7%2: trained at L0 = %3, run at L = %4")
                            .arg(scaling, QString::fromStdString(formatReal(x.factor)))
                            .arg(x.originalMax)
                            .arg(x.length);
        int unseen = 0;
        for (const ContextPair& p : x.pairs) {
            d.wavelength.push_back(p.wavelength);
            d.wavelengthScaled.push_back(p.wavelengthScaled);
            d.kind.push_back(static_cast<int>(p.kind));
            d.trainedAngle.push_back(x.originalMax * p.theta);
            d.angleAtL.push_back(p.angleAtL);
            d.unseen.push_back(p.unseen);
            unseen += p.unseen;
        }
        d.summary = kindRuns(x.pairs) +
                    QObject::tr(" \u00b7 curves at factor %1")
                        .arg(QString::fromStdString(formatReal(x.curveFactor))) +
                    QObject::tr(" \u00b7 attention factor a = %1 \u00b7 %2 of %3 pairs see angles never "
                                "seen below L0")
                        .arg(QString::number(x.attentionFactor, 'g', 4))
                        .arg(unseen)
                        .arg(x.pairs.size());
        QStringList skipped, reasons;
        for (const ContextExtension::Skipped& k : x.skipped) {
            skipped << QString::fromStdString(ropeScalingName(k.scaling));
            reasons << QString::fromStdString(k.reason);
        }
        if (!skipped.isEmpty())
            d.summary += QObject::tr(" \u00b7 not drawn: %1 (these parameters cannot evaluate it)")
                             .arg(skipped.join(QStringLiteral(", ")));
        d.notes = reasons.join(u'\n');
        for (const ContextCurve& c : x.curves) {
            widgets::ContextPlotData::Curve curve;
            curve.name =
                QObject::tr("%1: %2 past L0")
                    .arg(QString::fromStdString(ropeScalingName(c.scaling)), percent(c.massBeyondL0));
            curve.emphasis = c.scaling == x.scaling;
            curve.y = c.score;
            curve.x.resize(c.score.size());
            for (std::size_t t = 0; t < curve.x.size(); ++t)
                curve.x[t] = double(t);
            d.curves.push_back(std::move(curve));
        }
    } catch (const std::exception& e) {
        d.message = QString::fromUtf8(e.what());
    }
    return d;
}

ContextPanel::ContextPanel(Driver* driver, ExplorerState* state, QWidget* parent)
    : QWidget(parent), m_driver(driver), m_refresher(state, View::Context, this, [this] { rebuild(); }),
      m_scaling(new QComboBox(this)), m_factor(new QDoubleSpinBox(this)), m_originalMax(new QSpinBox(this)),
      m_length(new QSpinBox(this)), m_useRope(new QPushButton(this)), m_view(new widgets::ContextView(this))
{
    for (const char* s : kScalings)
        m_scaling->addItem(QString::fromLatin1(s));
    m_factor->setRange(0.01, 1e6);
    m_factor->setDecimals(2);
    m_originalMax->setRange(1, kMaxPositions);
    m_length->setRange(1, kMaxContextShown);

    auto* row = new QHBoxLayout;
    QLabel* labels[4];
    QWidget* const fields[] = {m_scaling, m_factor, m_originalMax, m_length};
    for (int k = 0; k < 4; ++k) {
        labels[k] = new QLabel(this);
        labels[k]->setBuddy(fields[k]);
        row->addWidget(labels[k]);
        row->addWidget(fields[k]);
    }
    row->addWidget(m_useRope);
    retranslateWith(this, [this, scaling = labels[0], factor = labels[1], l0 = labels[2], l = labels[3]] {
        m_useRope->setText(tr("Use &RoPE, yarn ×4"));
        m_scaling->setToolTip(tr("rope's scaling: how the frequencies are stretched (HF rope_type)"));
        m_factor->setToolTip(tr("rope's factor: the context length divided by L0"));
        m_originalMax->setToolTip(tr("L0, the length the model was trained at (original_max_position)"));
        m_length->setToolTip(tr("L, the length the model runs at: the sequence's n (bare positions)"));
        m_useRope->setToolTip(tr("Switch the scheme to rope with yarn scaling ×4 from L0 = n/4"));
        scaling->setText(tr("&Scaling:"));
        factor->setText(tr("&Factor:"));
        l0->setText(tr("L&0:"));
        l->setText(tr("&L:"));
        refresh(); // the plots' texts
    });
    row->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(row);
    layout->addWidget(m_view, 1);

    const auto setParam = [this](const char* name, const std::string& value) {
        m_driver->update([&](LabRequest& r) { r.params[name] = value; });
    };
    connect(m_scaling, &QComboBox::currentTextChanged, this,
            [setParam](const QString& s) { setParam("scaling", s.toStdString()); });
    connect(m_factor, &QDoubleSpinBox::editingFinished, this,
            [this, setParam] { setParam("factor", formatReal(m_factor->value())); });
    connect(m_originalMax, &QSpinBox::editingFinished, this,
            [this, setParam] { setParam("original_max_position", std::to_string(m_originalMax->value())); });
    connect(m_length, &QSpinBox::editingFinished, this, [this] {
        if (m_length->value() == m_n) return;
        m_driver->update([&](LabRequest& r) {
            r.text.clear();
            r.positions = m_length->value();
        });
    });
    connect(m_useRope, &QPushButton::clicked, this, [this] {
        m_driver->update([](LabRequest& r) {
            const int n = r.sequence().size();
            r.scheme = "rope";
            r.params = {{"scaling", "yarn"},
                        {"factor", "4"},
                        {"original_max_position", std::to_string(std::max(1, n / 4))}};
        });
    });
    connect(driver, &Driver::requestChanged, this, &ContextPanel::showRequest);
    connect(driver, &Driver::resultAvailable, this, [this](const LabResult& result) {
        m_request = result.request;
        m_n = result.n;
        refresh();
    });
    showRequest(driver->lastRequest());
}

// The fields show the request asked for (a refused one too, so the user sees what was refused).
void ContextPanel::showRequest(const LabRequest& r)
{
    const bool rope = r.scheme == "rope";
    for (QWidget* w : std::initializer_list<QWidget*>{m_scaling, m_factor, m_originalMax})
        w->setEnabled(rope);
    m_useRope->setVisible(!rope);
    const QSignalBlocker b1(m_scaling), b2(m_factor), b3(m_originalMax), b4(m_length);
    // The value asked for, else rope's default.
    const auto param = [&](const std::string& name) {
        const auto it = r.params.find(name);
        if (it != r.params.end()) return QString::fromStdString(it->second);
        for (const ParamSpec& p : describeScheme("rope").params)
            if (p.name == name) return QString::fromStdString(p.defaultValue);
        return QString();
    };
    if (rope) {
        m_scaling->setCurrentText(param("scaling"));
        m_factor->setValue(param("factor").toDouble());
        m_originalMax->setValue(param("original_max_position").toInt());
    }
    try {
        m_length->setValue(r.sequence().size());
    } catch (const Error&) {
    }
}

void ContextPanel::rebuild()
{
    if (m_n <= 0) return;
    m_view->setData(contextPlotFor(m_request, m_n));
}

} // namespace poslab::gui
