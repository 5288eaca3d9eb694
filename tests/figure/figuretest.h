#pragma once

#include <lab.h>
#include <session.h>

#include <QByteArray>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
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

// The session as a version 1 file wrote it: the request's fields at the top level.
inline QJsonObject version1(const Session& s)
{
    QJsonObject o = QJsonDocument::fromJson(sessionToJson(s)).object();
    const QJsonObject request = o.take("request").toObject();
    for (auto it = request.begin(); it != request.end(); ++it)
        if (it.key() != "weights" && it.key() != "engine" && it.key() != "pool") o[it.key()] = it.value();
    o["version"] = 1;
    return o;
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
