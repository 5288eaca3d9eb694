#include "exportdialog.h"

#include <error.h>
#include <outputfiles.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>
#include <exception>
#include <utility>
#include <vector>

namespace poslab::gui {

namespace {

constexpr int kPreviewWidth = 460; // pixels the preview is drawn at
constexpr int kPreviewHeight = 400;
constexpr int kPreviewDelayMs = 120;

// What the content depends on: everything but the style.
figure::Session contentKey(figure::Session s)
{
    s.style = {};
    return s;
}

QString suffixOf(figure::FigureFormat format)
{
    switch (format) {
    case figure::FigureFormat::Pdf:
        return QStringLiteral("pdf");
    case figure::FigureFormat::Svg:
        return QStringLiteral("svg");
    case figure::FigureFormat::Png:
        break;
    }
    return QStringLiteral("png");
}

} // namespace

ExportDialog::ExportDialog(const figure::Session& session, Lab& lab, QWidget* parent)
    : QDialog(parent), m_base(session), m_lab(lab), m_view(new QComboBox(this)),
      m_format(new QComboBox(this)), m_preset(new QComboBox(this)), m_width(new QDoubleSpinBox(this)),
      m_height(new QDoubleSpinBox(this)), m_dpi(new QSpinBox(this)), m_font(new QFontComboBox(this)),
      m_fontSize(new QDoubleSpinBox(this)), m_colormap(new QComboBox(this)), m_title(new QLineEdit(this)),
      m_noTitle(new QCheckBox(tr("&None"), this)),
      m_writeData(new QCheckBox(tr("Also write the &data as"), this)), m_dataFormat(new QComboBox(this)),
      m_preview(new QLabel(this)), m_size(new QLabel(this)), m_error(new QLabel(this)),
      m_previewTimer(new QTimer(this))
{
    setWindowTitle(tr("Export Figure"));
    const figure::FigureStyle& style = session.style;

    // Compare uses the session's compare scheme and shift; explain walks its selected cell.
    // The session's view name in the item's data, the view as the explorer names it as the text.
    static const std::pair<const char*, const char*> views[] = {
        {"heatmap", QT_TR_NOOP("Heatmap")},          {"heads", QT_TR_NOOP("Heads")},
        {"delta-curve", QT_TR_NOOP("\u0394-curve")}, {"compare", QT_TR_NOOP("Compare")},
        {"explain", QT_TR_NOOP("Worked example")},   {"context", QT_TR_NOOP("Context")},
        {"freqs", QT_TR_NOOP("RoPE frequencies")},   {"pe-components", QT_TR_NOOP("Principal components")}};
    for (const auto& [name, title] : views)
        m_view->addItem(tr(title), QString::fromLatin1(name));
    const QString view = QString::fromStdString(figure::figureViewName(session.view));
    m_view->setCurrentIndex(std::max(0, m_view->findData(view)));
    m_format->addItem(tr("PNG (raster)"), int(figure::FigureFormat::Png));
    m_format->addItem(tr("PDF (vector, text selectable)"), int(figure::FigureFormat::Pdf));
    m_format->addItem(tr("SVG (vector)"), int(figure::FigureFormat::Svg));
    m_preset->addItem(tr("One column (%1 mm)").arg(figure::kOneColumnMm), figure::kOneColumnMm);
    m_preset->addItem(tr("Two columns (%1 mm)").arg(figure::kTwoColumnMm), figure::kTwoColumnMm);
    m_preset->addItem(tr("Custom"), 0.0);
    m_width->setRange(10, 1000);
    m_width->setDecimals(1);
    m_width->setSuffix(tr(" mm"));
    m_width->setValue(style.widthMm);
    m_height->setRange(0, 1000);
    m_height->setDecimals(1);
    m_height->setSuffix(tr(" mm"));
    m_height->setSpecialValueText(tr("automatic"));
    m_height->setValue(style.heightMm);
    const int preset = m_preset->findData(style.widthMm);
    m_preset->setCurrentIndex(preset >= 0 && style.heightMm == 0 ? preset : 2);
    m_dpi->setRange(30, 2400);
    m_dpi->setValue(style.dpi);
    m_dpi->setToolTip(tr("PNG pixels per inch, and the resolution of heatmap cells inside PDF and SVG"));
    m_font->setCurrentFont(QFont(QString::fromStdString(style.fontFamily)));
    m_fontSize->setRange(2, 72);
    m_fontSize->setDecimals(1);
    m_fontSize->setSuffix(tr(" pt"));
    m_fontSize->setValue(style.fontSize);
    for (const char* name : {"viridis", "magma", "cividis", "grayscale"})
        m_colormap->addItem(QString::fromLatin1(name), QString::fromLatin1(name));
    m_colormap->setCurrentIndex(std::max(0, m_colormap->findData(QString::fromStdString(style.colormap))));
    m_colormap->setToolTip(
        tr("Sequential map for probabilities and indices; signed data is always diverging"));
    m_title->setPlaceholderText(tr("automatic"));
    if (style.title) m_title->setText(QString::fromStdString(*style.title));
    m_noTitle->setChecked(style.title && style.title->empty());
    m_title->setEnabled(!m_noTitle->isChecked());
    for (const char* name : {"csv", "npy", "json"})
        m_dataFormat->addItem(QString::fromLatin1(name).toUpper(), QString::fromLatin1(name));
    m_dataFormat->setEnabled(false);
    m_writeData->setToolTip(
        tr("The exact numbers shown, beside the figure, as poslab-cli compute writes them"));

    auto* form = new QFormLayout;
    form->addRow(tr("&View:"), m_view);
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("&Size:"), m_preset);
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_width);
    sizeRow->addWidget(new QLabel(QStringLiteral("\u00d7"), this));
    sizeRow->addWidget(m_height);
    auto* sizeLabel = new QLabel(tr("&Width \u00d7 height:"), this);
    sizeLabel->setBuddy(m_width);
    form->addRow(sizeLabel, sizeRow);
    form->addRow(tr("&Resolution:"), m_dpi);
    m_dpi->setSuffix(tr(" dpi"));
    form->addRow(tr("F&ont:"), m_font);
    form->addRow(tr("Font si&ze:"), m_fontSize);
    form->addRow(tr("&Colour map:"), m_colormap);
    auto* titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_noTitle);
    auto* titleLabel = new QLabel(tr("&Title:"), this);
    titleLabel->setBuddy(m_title);
    form->addRow(titleLabel, titleRow);
    auto* dataRow = new QHBoxLayout;
    dataRow->addWidget(m_writeData);
    dataRow->addWidget(m_dataFormat);
    dataRow->addStretch(1);
    form->addRow(QString(), dataRow);

    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setMinimumSize(kPreviewWidth + 8, kPreviewHeight + 8);
    m_preview->setStyleSheet(QStringLiteral("QLabel { background: #e6e6e6; }"));
    m_size->setAlignment(Qt::AlignCenter);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b2182b; font-weight: bold; }"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setVisible(false);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton* exportButton = buttons->addButton(tr("&Export\u2026"), QDialogButtonBox::AcceptRole);
    exportButton->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::chooseFileAndExport);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* previewColumn = new QVBoxLayout;
    previewColumn->addWidget(m_preview, 1);
    previewColumn->addWidget(m_size);
    auto* top = new QHBoxLayout;
    top->addLayout(form);
    top->addLayout(previewColumn, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    // Presets set the width; editing the size makes it custom.
    connect(m_preset, &QComboBox::currentIndexChanged, this, [this] {
        const double mm = m_preset->currentData().toDouble();
        if (mm <= 0) return;
        const QSignalBlocker b1(m_width), b2(m_height);
        m_width->setValue(mm);
        m_height->setValue(0);
        schedulePreview();
    });
    auto custom = [this] {
        const int k = m_preset->findData(m_width->value());
        const QSignalBlocker blocker(m_preset);
        m_preset->setCurrentIndex(k >= 0 && m_height->value() == 0 ? k : 2);
        schedulePreview();
    };
    connect(m_width, &QDoubleSpinBox::valueChanged, this, custom);
    connect(m_height, &QDoubleSpinBox::valueChanged, this, custom);
    connect(m_noTitle, &QCheckBox::toggled, m_title, [this](bool none) {
        m_title->setEnabled(!none);
        schedulePreview();
    });
    connect(m_writeData, &QCheckBox::toggled, m_dataFormat, &QWidget::setEnabled);
    for (QComboBox* box : {m_view, m_format, m_colormap})
        connect(box, &QComboBox::currentIndexChanged, this, &ExportDialog::schedulePreview);
    connect(m_font, &QFontComboBox::currentFontChanged, this, &ExportDialog::schedulePreview);
    connect(m_fontSize, &QDoubleSpinBox::valueChanged, this, &ExportDialog::schedulePreview);
    connect(m_dpi, &QSpinBox::valueChanged, this, &ExportDialog::schedulePreview);
    connect(m_title, &QLineEdit::textChanged, this, &ExportDialog::schedulePreview);

    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(kPreviewDelayMs);
    connect(m_previewTimer, &QTimer::timeout, this, &ExportDialog::startPreview);
    connect(&m_watcher, &QFutureWatcher<PreviewContent>::finished, this, [this] {
        const PreviewContent result = m_watcher.result();
        if (m_restart) { // the form changed meanwhile
            m_restart = false;
            startPreview();
            return;
        }
        if (!result.error.isEmpty()) {
            m_contentKey.reset();
            showError(result.error);
            m_preview->setPixmap({});
            m_previewImage = {};
            emit previewAvailable();
            return;
        }
        m_content = result.content;
        m_contentKey = contentKey(*m_computing);
        showPreview();
    });
    startPreview();
}

ExportDialog::~ExportDialog()
{
    m_watcher.disconnect(this);
    m_watcher.waitForFinished(); // the worker only reads its own copy; this is short at figure sizes
}

figure::Session ExportDialog::session() const
{
    figure::Session s = m_base;
    s.view = figure::parseFigureView(m_view->currentData().toString().toStdString());
    const bool attentionOnly = s.view == figure::FigureView::Heads || s.view == figure::FigureView::Compare ||
                               s.view == figure::FigureView::Explain;
    if (attentionOnly && s.matrix != "probs" && s.matrix != "logits" && s.matrix != "bias")
        s.matrix = "probs"; // these views show attention matrices only
    figure::FigureStyle& style = s.style;
    style.widthMm = m_width->value();
    style.heightMm = m_height->value();
    style.dpi = m_dpi->value();
    style.fontFamily = m_font->currentFont().family().toStdString();
    style.fontSize = m_fontSize->value();
    style.colormap = m_colormap->currentData().toString().toStdString();
    if (m_noTitle->isChecked())
        style.title = std::string();
    else if (m_title->text().isEmpty())
        style.title.reset();
    else
        style.title = m_title->text().toStdString();
    return s;
}

figure::FigureFormat ExportDialog::format() const
{
    return static_cast<figure::FigureFormat>(m_format->currentData().toInt());
}

void ExportDialog::setFormat(figure::FigureFormat format)
{
    m_format->setCurrentIndex(m_format->findData(int(format)));
}

void ExportDialog::setWidthMm(double mm)
{
    m_width->setValue(mm);
}

void ExportDialog::setDataFormat(const QString& suffix)
{
    m_writeData->setChecked(!suffix.isEmpty());
    if (!suffix.isEmpty()) m_dataFormat->setCurrentIndex(m_dataFormat->findData(suffix));
}

QString ExportDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

bool ExportDialog::previewPending() const
{
    return m_previewTimer->isActive() || m_watcher.isRunning();
}

void ExportDialog::schedulePreview()
{
    m_previewTimer->start();
}

void ExportDialog::startPreview()
{
    const figure::Session s = session();
    if (m_contentKey && contentKey(s) == *m_contentKey) { // only the style changed: no new numbers
        showPreview();
        return;
    }
    if (m_watcher.isRunning()) {
        m_restart = true;
        return;
    }
    m_computing = s;
    m_watcher.setFuture(QtConcurrent::run([s, &lab = m_lab] {
        PreviewContent out;
        try {
            out.content = figure::computeFigure(lab, s);
        } catch (const std::exception& e) {
            out.error = QString::fromUtf8(e.what());
        }
        return out;
    }));
}

// Drawn like the PNG, at a resolution that fits the preview (fonts scale with it).
void ExportDialog::showPreview()
{
    figure::Session s = session();
    const double dpi = kPreviewWidth * 25.4 / s.style.widthMm;
    s.style.dpi = std::clamp(int(std::lround(dpi)), 30, 2400);
    try {
        const figure::RenderedFigure figure = figure::renderFigure(s, m_content, figure::FigureFormat::Png);
        m_previewImage = QImage::fromData(figure.bytes, "png");
        QImage shown = m_previewImage;
        if (shown.width() > kPreviewWidth || shown.height() > kPreviewHeight)
            shown =
                shown.scaled(kPreviewWidth, kPreviewHeight, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        m_preview->setPixmap(QPixmap::fromImage(shown));
        const int dpiOut = m_dpi->value();
        m_size->setText(tr("%1 \u00d7 %2 mm \u00b7 PNG %3 \u00d7 %4 px")
                            .arg(figure.sizeMm.width(), 0, 'f', 1)
                            .arg(figure.sizeMm.height(), 0, 'f', 1)
                            .arg(qRound(figure.sizeMm.width() * dpiOut / 25.4))
                            .arg(qRound(figure.sizeMm.height() * dpiOut / 25.4)));
        m_error->setVisible(false);
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
    }
    emit previewAvailable();
}

void ExportDialog::showError(const QString& message)
{
    QString line = message;
    line.replace(u'\n', u' ');
    m_error->setText(line);
    m_error->setToolTip(line);
    m_error->setVisible(true);
}

QString ExportDialog::exportTo(const QString& requested)
{
    QString path = requested;
    figure::FigureFormat fmt = format();
    if (const auto bySuffix = figure::formatFromFileName(path))
        fmt = *bySuffix;
    else
        path += u'.' + suffixOf(fmt);
    const figure::Session s = session();
    QString dataPath;
    if (m_writeData->isChecked()) {
        const QFileInfo info(path);
        dataPath =
            info.dir().filePath(info.completeBaseName() + u'.' + m_dataFormat->currentData().toString());
    }
    try {
        const figure::FigureContent content =
            m_contentKey && contentKey(s) == *m_contentKey ? m_content : figure::computeFigure(m_lab, s);
        // Rendered before anything is written, then all or nothing, the data before the figure.
        std::vector<figure::OutputFile> files;
        if (!dataPath.isEmpty()) files.push_back({dataPath, figure::figureData(content, dataPath)});
        files.push_back({path, figure::renderFigure(s, content, fmt).bytes});
        figure::writeAllOrNothing(files);
    } catch (const std::exception& e) {
        QString message = QString::fromUtf8(e.what());
        showError(message.replace(u'\n', u' '));
        return message;
    }
    m_error->setVisible(false);
    emit exported(path);
    return {};
}

void ExportDialog::chooseFileAndExport()
{
    const QString suffix = suffixOf(format());
    QString name = QString::fromStdString(m_base.scheme) + u'-' + m_view->currentData().toString();
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export Figure"), QDir::home().filePath(name + u'.' + suffix),
                                     tr("%1 figure (*.%2)").arg(suffix.toUpper(), suffix));
    if (path.isEmpty()) return;
    if (exportTo(path).isEmpty()) accept();
}

} // namespace poslab::gui
