"""Reports over the index: coverage per province and period, figures and facts, topics, stories."""
