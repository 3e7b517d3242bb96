"""Line of sight: indicator scorecards, drill-down to the child, trends, corporate parenting."""
