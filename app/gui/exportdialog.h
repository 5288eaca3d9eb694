#pragma once

#include <figure.h>
#include <session.h>

#include <QDialog>
#include <QFutureWatcher>
#include <QString>

#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFontComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTimer;

namespace poslab::gui {

struct PreviewContent
{
    figure::FigureContent content;
    QString error; // computeFigure's message, empty on success
};

// File > Export Figure: the view, format, size, fonts, colour map and title of a figure of the
// session, a live preview (computed off the GUI thread with the explorer's Lab, taking turns with
// the driver; drawn at screen resolution), and the numbers shown as CSV, NPY or JSON beside it.
// Writing is all or nothing.
class ExportDialog : public QDialog
{
    Q_OBJECT
  public:
    ExportDialog(const figure::Session& session, Lab& lab, QWidget* parent = nullptr);
    ~ExportDialog() override;

    figure::Session session() const; // the figure as the form says
    figure::FigureFormat format() const;
    void setFormat(figure::FigureFormat format);
    void setWidthMm(double mm);                // custom size
    void setDataFormat(const QString& suffix); // "" (none), "csv", "npy" or "json"
    QString errorText() const;
    QImage previewImage() const { return m_previewImage; }
    bool previewPending() const; // a preview is being computed or about to be

    // Writes the figure (and its data) to `path`, the format from its suffix, else the form's.
    // Returns the error (one line) or an empty string; on error nothing is left behind.
    QString exportTo(const QString& path);

  signals:
    void previewAvailable();
    void exported(const QString& path);

  private:
    void schedulePreview();
    void startPreview();
    void showPreview();
    void showError(const QString& message);
    void chooseFileAndExport();

    figure::Session m_base;
    Lab& m_lab;
    QComboBox* m_view = nullptr;
    QComboBox* m_format = nullptr;
    QComboBox* m_preset = nullptr;
    QDoubleSpinBox* m_width = nullptr;
    QDoubleSpinBox* m_height = nullptr;
    QSpinBox* m_dpi = nullptr;
    QFontComboBox* m_font = nullptr;
    QDoubleSpinBox* m_fontSize = nullptr;
    QComboBox* m_colormap = nullptr;
    QLineEdit* m_title = nullptr;
    QCheckBox* m_noTitle = nullptr;
    QCheckBox* m_writeData = nullptr;
    QComboBox* m_dataFormat = nullptr;
    QLabel* m_preview = nullptr;
    QLabel* m_size = nullptr;
    QLabel* m_error = nullptr;
    QTimer* m_previewTimer = nullptr;
    QFutureWatcher<PreviewContent> m_watcher;
    std::optional<figure::Session> m_computing;  // what m_watcher computes
    std::optional<figure::Session> m_contentKey; // what m_content shows (style aside)
    figure::FigureContent m_content;
    QImage m_previewImage;
    bool m_restart = false;
};

} // namespace poslab::gui
