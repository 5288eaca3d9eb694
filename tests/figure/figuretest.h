#pragma once

#include <lab.h>
#include <session.h>

#include <QByteArray>
#include <QFile>
#include <QString>

namespace poslab::figure::test {

// The tests' Lab, as poslab-cli and the explorer each have one.
inline Lab& testLab()
{
    static Lab lab;
    return lab;
}

inline Session sampleSession()
{
    Session s;
    s.text = "the cat sat on the mat";
    s.scheme = "t5";
    s.params = {{"num_buckets", "8"}};
    s.model.heads = 2;
    s.model.dModel = 16;
    s.model.causal = true;
    s.model.seed = 7;
    s.head = 1;
    s.cellI = 3;
    s.cellJ = 1;
    s.style.title = "Figure 1";
    return s;
}

inline QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline void writeAll(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    if (f.open(QIODevice::WriteOnly)) f.write(bytes);
}

} // namespace poslab::figure::test
