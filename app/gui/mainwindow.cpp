#include "mainwindow.h"

#include "controlspanel.h"
#include "driver.h"
#include "heatmapview.h"

#include <scheme.h>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QVBoxLayout>

namespace poslab::gui {

namespace {
constexpr int kLayoutVersion = 1; // bump when docks or toolbars change
}

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_controls(new ControlsPanel(this)), m_heatmap(new widgets::HeatmapView(this)),
      m_error(new QLabel(this)), m_stats(new QLabel(this)), m_driver(new Driver(this))
{
    setWindowTitle(tr("PosLab"));

    m_error->setVisible(false);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b2182b; }"));

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->addWidget(m_controls);
    layout->addWidget(m_error);
    layout->addWidget(m_heatmap, 1);
    setCentralWidget(central);

    statusBar()->addPermanentWidget(m_stats);
    createActions();

    connect(m_controls, &ControlsPanel::requestChanged, this, &MainWindow::recompute);
    connect(m_driver, &Driver::resultAvailable, this, &MainWindow::showResult);
    connect(m_driver, &Driver::failed, this, &MainWindow::showError);
    connect(m_driver, &Driver::busyChanged, this, [this](bool busy) {
        if (busy) m_stats->setText(tr("computing\u2026"));
    });
    connect(m_heatmap, &widgets::HeatmapView::cellHovered, this, &MainWindow::showHovered);
}

MainWindow::~MainWindow() = default;

QString MainWindow::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcuts(QKeySequence::Quit);
    quit->setStatusTip(tr("Quit PosLab"));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About PosLab"), this, &MainWindow::about);
    about->setStatusTip(tr("What PosLab is"));
    QAction* aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setStatusTip(tr("Show the Qt version and licence"));
}

void MainWindow::recompute()
{
    m_driver->request(m_controls->request());
}

void MainWindow::showResult(const LabResult& result)
{
    m_error->clear();
    m_error->setVisible(false);
    m_heatmap->setData(result.heatmap);
    m_stats->setText(tr("n = %1 \u00b7 heads %2 \u00b7 %3 ms")
                         .arg(result.n)
                         .arg(result.request.model.heads)
                         .arg(result.elapsedMs, 0, 'f', 1));
}

void MainWindow::showError(const QString& message)
{
    // The heatmap keeps the last good result; the error says why it did not change.
    m_error->setText(message);
    m_error->setVisible(true);
    m_stats->setText(tr("error"));
    statusBar()->showMessage(message, 5000);
}

void MainWindow::showHovered(int row, int col)
{
    if (row < 0 || col < 0)
        statusBar()->clearMessage();
    else
        statusBar()->showMessage(widgets::describeCell(m_heatmap->data(), {row, col}));
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About PosLab"),
                       tr("<b>PosLab %1</b><p>A desktop lab for positional encodings in attention: "
                          "%2 schemes, one toy model, every matrix on screen.</p>")
                           .arg(QApplication::applicationVersion())
                           .arg(schemeNames().size()));
}

void MainWindow::attachSettings()
{
    m_persistent = true;
    QSettings settings;
    settings.beginGroup(QStringLiteral("MainWindow"));
    if (!restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray())) resize(1200, 800);
    restoreState(settings.value(QStringLiteral("state")).toByteArray(), kLayoutVersion);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_persistent) {
        QSettings settings;
        settings.beginGroup(QStringLiteral("MainWindow"));
        settings.setValue(QStringLiteral("geometry"), saveGeometry());
        settings.setValue(QStringLiteral("state"), saveState(kLayoutVersion));
    }
    event->accept();
}

} // namespace poslab::gui
