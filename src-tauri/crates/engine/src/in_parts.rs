//! Answering a question about a file on disk one part at a time ([`crate::parts`]): each part
//! is filtered and grouped on its own, and the parts' groups are combined into the groups of
//! the whole file. Memory then holds a part and the (small) grouped rows, where reading the
//! whole file held what polars mapped of it until the end.
//!
//! Counts, sums, smallest and largest values combine exactly; a mean is carried as its sum and
//! its count. Two kinds of question need the whole file at once and are answered as before: a
//! distinct count (a value may be in several parts) and a top N (the top is over the file).

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use polars::prelude::*;

use crate::aggregate::{Plan, answer, collect_streaming, filtered, finish, group_with, grouped, keys, plan};
use crate::csv_groups::LineGrouper;
use crate::error::EngineError;
use crate::parts::{CsvParts, Parts, Source};
use crate::question::{Metric, Question};
use crate::read;

/// Answers a question about a table file, in parts when the file and the question allow it.
pub fn answer_file(path: &Path, q: &Question) -> Result<DataFrame, EngineError> {
    let source = read::open(path)?;
    if let Source::Csv(csv) = &source
        && let Some((df, blocks)) = answer_lines(csv, line_workers(), q)?
    {
        tracing::debug!(by_hand = blocks.by_hand, by_polars = blocks.by_polars, "CSV blocks grouped");
        return Ok(df);
    }
    if let Some(parts) = source.parts()
        && let Some(df) = answer_in_parts(parts, source.workers(), q)?
    {
        return Ok(df);
    }
    answer(source.whole()?, q)
}

/// How many blocks of a CSV are grouped at once: one per core (each holds a block of about
/// 32 MiB), at most four.
fn line_workers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().min(4))
}

/// Whether the parts' answers to `q` combine into the whole file's.
fn combines(q: &Question) -> bool {
    q.top.is_none() && !q.metrics.iter().any(|m| matches!(m, Metric::DistinctCount(_)))
}

/// The answer from the parts' answers, `workers` parts read at once; `None` when there were no
/// parts (a header and no rows) or the question needs the whole file.
pub(crate) fn answer_in_parts(
    mut parts: Parts<'_>,
    workers: usize,
    q: &Question,
) -> Result<Option<DataFrame>, EngineError> {
    if !combines(q) {
        return Ok(None);
    }
    // The first part settles the plan; the rest are grouped by `workers` threads at once.
    let Some(part) = parts.next() else { return Ok(None) };
    let lf = filtered(part?, q)?;
    let combine = Combine::new(lf.clone(), q)?;
    let mut groups = vec![combine.group(lf)?];
    groups.extend(each_part(parts, workers, |lf| combine.group(filtered(lf, q)?))?);
    combine.finish(groups).map(Some)
}

/// The answer from a CSV's blocks, each grouped by hand ([`LineGrouper`]) or, when a block has
/// something the hand reader is not sure to read as polars does, by polars; `None` when the
/// question is not one the hand reader answers (a filter, a distinct count, a top N, a date
/// written in another form), and the file is then read as [`answer_in_parts`] reads it.
pub(crate) fn answer_lines(
    csv: &CsvParts,
    workers: usize,
    q: &Question,
) -> Result<Option<(DataFrame, BlocksRead)>, EngineError> {
    if !combines(q) || q.filter_text().is_some() {
        return Ok(None);
    }
    let (text, blocks) = csv.blocks()?;
    let combine = Combine::new(csv.frame(DataFrame::empty_with_schema(&text).lazy()), q)?;
    let Some(reader) = LineGrouper::new(&text, csv, &combine.plan, combine.part_schema()?) else { return Ok(None) };
    let by_polars = AtomicUsize::new(0);
    let groups = each_part(blocks, workers, |block| match reader.group(&block)? {
        Some(groups) => Ok(groups),
        None => {
            by_polars.fetch_add(1, Ordering::Relaxed);
            combine.group(csv.block_frame(&text, block)?)
        }
    })?;
    if groups.is_empty() {
        // A header and no rows: read whole, as polars answers it.
        return Ok(None);
    }
    let by_polars = by_polars.into_inner();
    let read = BlocksRead { by_hand: groups.len() - by_polars, by_polars };
    Ok(Some((combine.finish(groups)?, read)))
}

/// How many of a CSV's blocks were grouped by hand, and how many given back to polars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BlocksRead {
    pub by_hand: usize,
    pub by_polars: usize,
}

/// How the parts of a file are grouped and their groups combined into the whole file's.
struct Combine<'q> {
    q: &'q Question,
    plan: Plan,
    /// What each part computes.
    aggs: Vec<Expr>,
    /// The columns a part is read with.
    input: Schema,
    /// What the whole file grouped at once gives, column by column.
    whole: Schema,
}

impl<'q> Combine<'q> {
    /// From the first part (or an empty table with the file's columns), filtered.
    fn new(lf: LazyFrame, q: &'q Question) -> Result<Self, EngineError> {
        let schema = lf.clone().collect_schema()?;
        let plan = plan(&schema, q)?;
        let whole = grouped(lf, &plan).collect_schema()?.as_ref().clone();
        let aggs = plan.metrics.iter().enumerate().flat_map(|(i, m)| part_metric(m, i).0).collect();
        Ok(Self { q, plan, aggs, input: schema.as_ref().clone(), whole })
    }

    fn grouping(&self, lf: LazyFrame) -> LazyFrame {
        group_with(lf, keys(&self.plan), self.aggs.clone())
    }

    /// A part's groups.
    fn group(&self, lf: LazyFrame) -> Result<DataFrame, EngineError> {
        collect_streaming(self.grouping(lf))
    }

    /// The columns of a part's groups.
    fn part_schema(&self) -> Result<SchemaRef, EngineError> {
        Ok(self.grouping(DataFrame::empty_with_schema(&self.input).lazy()).collect_schema()?)
    }

    /// The parts' groups, in the file's order, combined and finished.
    fn finish(&self, parts: Vec<DataFrame>) -> Result<DataFrame, EngineError> {
        let mut parts = parts.into_iter();
        let Some(mut groups) = parts.next() else { return Err(EngineError::Polars("no parts".into())) };
        for part in parts {
            groups.vstack_mut_owned(part)?;
        }
        let p = &self.plan;
        let names = self.whole.iter_names().cloned().collect::<Vec<_>>();
        let key_names: Vec<Expr> = names[..names.len() - p.metrics.len()].iter().map(|n| col(n.clone())).collect();
        let combined: Vec<Expr> = p.metrics.iter().enumerate().map(|(i, m)| part_metric(m, i).1).collect();
        let mut out = group_with(groups.lazy(), key_names, combined).collect()?;
        // The types the whole file gives (a sum of yes/no values, say, keeps its integer type).
        for (name, dtype) in self.whole.iter() {
            let c = out.column(name)?;
            if c.dtype() != dtype {
                let cast = c.cast(dtype)?;
                out.with_column(cast)?;
            }
        }
        finish(out.select(names)?, p, self.q)
    }
}

/// `work` done on each part, `workers` parts at once; the results in the file's order, so
/// decimals add up the same way every time. The first failure stops the rest.
fn each_part<T>(
    parts: impl Iterator<Item = Result<T, EngineError>> + Send,
    workers: usize,
    work: impl Fn(T) -> Result<DataFrame, EngineError> + Sync,
) -> Result<Vec<DataFrame>, EngineError> {
    let queue = Mutex::new(parts.enumerate());
    let results = Mutex::new(Vec::new());
    let failed = AtomicBool::new(false);
    std::thread::scope(|s| {
        for _ in 0..workers.max(1) {
            s.spawn(|| {
                while !failed.load(Ordering::Relaxed) {
                    let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                    let Some((i, part)) = next else { break };
                    let out = part.and_then(&work);
                    failed.fetch_or(out.is_err(), Ordering::Relaxed);
                    results.lock().unwrap_or_else(|e| e.into_inner()).push((i, out));
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, out)| out).collect()
}

/// What a part computes for metric `i` (one or two columns), and how the parts' columns
/// combine into the metric.
fn part_metric(m: &Metric, i: usize) -> (Vec<Expr>, Expr) {
    let (a, n) = (format!("__part_{i}"), format!("__part_{i}_n"));
    let name = m.column_name();
    let (parts, combined) = match m {
        Metric::Count => (vec![len().cast(DataType::Int64).alias(&a)], col(&a).sum()),
        Metric::Sum(f) => (vec![col(f.as_str()).sum().alias(&a)], col(&a).sum()),
        Metric::Min(f) => (vec![col(f.as_str()).min().alias(&a)], col(&a).min()),
        Metric::Max(f) => (vec![col(f.as_str()).max().alias(&a)], col(&a).max()),
        Metric::Mean(f) => {
            let sum = col(f.as_str()).cast(DataType::Float64).sum().alias(&a);
            let count = col(f.as_str()).count().cast(DataType::Int64).alias(&n);
            let mean = when(col(&n).sum().gt(lit(0)))
                .then(col(&a).sum() / col(&n).sum().cast(DataType::Float64))
                .otherwise(lit(NULL).cast(DataType::Float64));
            (vec![sum, count], mean)
        }
        // Never reached: `combines` sends these questions to the whole file. Were one split,
        // a value in two parts would be counted twice.
        Metric::DistinctCount(f) => (vec![col(f.as_str()).drop_nulls().n_unique().alias(&a)], col(&a).sum()),
    };
    (parts, combined.alias(name))
}
